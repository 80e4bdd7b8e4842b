import type { AudienceProfile, DetailLevel } from '../load/schema.js';

import { aboveCeiling, validMarking, type Marking } from '../load/marking.js';
import type { Slide } from '../model.js';
import { releaseVerdict } from './release.js';


/** A slide an audience does not get, and why, for the build report. */
export interface DroppedSlide {
  id: string;
  title: string;
  file: string;
  line: number;
  reason: string;
}

/** Detail levels from least to most: a profile gets slides at or below its own. */
export const detailRank: Record<DetailLevel, number> = { summary: 0, standard: 1, deep: 2 };

/** The highest marking an audience may receive: its `ceiling`, else its own `marking`. */
export function ceilingOf(profile: AudienceProfile): Marking | undefined {
  return validMarking(profile.ceiling ?? profile.marking);
}

/**
 * Why `profile` does not get `slide`, or undefined when it does. A slide that names its
 * audiences goes to exactly those; otherwise the profile's detail level and tags decide.
 * A slide marked above the profile's ceiling never goes, whatever else it says.
 */
function whyDropped(slide: Slide, profile: AudienceProfile, marking?: Marking): string | undefined {
  const ceiling = ceilingOf(profile);
  const over = marking && ceiling ? aboveCeiling(marking, ceiling) : undefined;
  if (over) return `${over} for ${profile.name}`;
  const named = slide.audiences.length > 0;
  if (named && !slide.audiences.includes(profile.name)) {
    return `audience="${slide.audiences.join(' ')}" does not include ${profile.name}`;
  }
  if (!named && detailRank[slide.detail] > detailRank[profile.detail]) {
    // A divider is dropped on its own detail level; the slides under it are judged on theirs.
    if (slide.kind === 'section') {
      return `section divider at detail=${slide.detail}; ${profile.name} gets ${profile.detail}, so the slides of this section that it gets run on without the divider (write {detail=${profile.detail}} on the "# " heading to show it)`;
    }
    return `detail=${slide.detail}; ${profile.name} gets ${profile.detail}`;
  }
  const excluded = slide.tags.filter((t) => profile.exclude.includes(t));
  if (excluded.length) return `tagged ${excluded.join(', ')}, which ${profile.name} excludes`;
  if (profile.include.length && !slide.tags.some((t) => profile.include.includes(t))) {
    return `has none of the tags ${profile.name} includes (${profile.include.join(', ')})`;
  }
  if (slide.backup && !profile.appendix) return `appendix slide; ${profile.name} has no appendix`;
  return undefined;
}

/** What an audience gets of a deck's slides, what it does not (and why), and slides it must not be sent. */
export interface Selection {
  kept: Slide[];
  dropped: DroppedSlide[];
  /** Release errors: an unverified slide or a `REL TO` slide sent to an external audience. */
  errors: { slide: Slide; message: string }[];
}

/**
 * Splits slides into what the audience gets and what it does not. The release rules
 * (release.ts) come first for external audiences. A section divider follows its slides (and
 * its tags, audiences and marking are already its slides', from the parse stage).
 */
export function selectSlides(
  slides: Slide[],
  profile: AudienceProfile,
  markingOf: (slide: Slide) => Marking | undefined = () => undefined,
  restricted: string[] = [],
): Selection {
  const errors: Selection['errors'] = [];
  // For an external audience the release rules own the restricted tags (an unverified slide
  // it would otherwise get is an error, not a quiet exclusion): its lists decide the rest.
  const own = profile.external ? { ...profile, exclude: profile.exclude.filter((t) => !restricted.includes(t)) } : profile;
  const verdicts = new Map<Slide, string | undefined>();
  const why = (slide: Slide): string | undefined => {
    if (verdicts.has(slide)) return verdicts.get(slide);
    const marking = markingOf(slide);
    const ownReason = whyDropped(slide, own, marking);
    const release = releaseVerdict(slide, profile, marking, restricted, ownReason === undefined);
    if (release.error) errors.push({ slide, message: release.error });
    const reason = release.drop ?? ownReason;
    verdicts.set(slide, reason);
    return reason;
  };
  const kept: Slide[] = [];
  const dropped: DroppedSlide[] = [];
  const drop = (slide: Slide, reason: string) =>
    dropped.push({ id: slide.id, title: slide.title, file: slide.file, line: slide.line, reason });
  slides.forEach((slide, i) => {
    const reason = why(slide);
    if (reason) return drop(slide, reason);
    if (slide.kind === 'section') {
      const next = slides.slice(i + 1);
      const end = next.findIndex((s) => s.kind === 'section' || s.file !== slide.file);
      const members = end < 0 ? next : next.slice(0, end);
      if (!members.some((s) => why(s) === undefined)) return drop(slide, 'section has no slides for this audience');
    }
    kept.push(slide);
  });
  return { kept, dropped, errors };
}
