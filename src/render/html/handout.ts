/**
 * The handout page built beside a deck's index.html (`--handout`), printed by the export stage:
 * the same planned slides, drawn small, each with its speaker notes below (when the audience
 * profile shows notes), through `handout.hbs`. renderDeck renders it with the deck
 * (`handout: true`), each slide once for both pages.
 */
export const handoutFile = 'handout.html';
