/**
 * pptxgenjs's types under one name. Its typings describe an ES default export, but the
 * package is CommonJS, so from an ES module the class is the module's `default`.
 */
import type Module from 'pptxgenjs';

export type Pptx = Module.default;
export type PptxSlide = Module.default.Slide;
export type TextProps = Module.default.TextProps;
export type TextPropsOptions = Module.default.TextPropsOptions;
export type SlideMasterProps = Module.default.SlideMasterProps;
export type SlideNumberProps = Module.default.SlideNumberProps;
export type PlaceholderProps = Module.default.PlaceholderProps;
export type BorderProps = Module.default.BorderProps;
export type TableCell = Module.default.TableCell;
export type PptxConstructor = typeof Module.default;
