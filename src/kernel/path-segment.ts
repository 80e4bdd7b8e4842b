/** The longest deck or file-name part briefdeck makes from a name: well under any file system's limit. */
const maxSegmentLength = 80;

/**
 * A name made safe to be one segment of a path: no separators, control characters or
 * characters Windows refuses, no leading or trailing dots or spaces (so never `.` or `..`),
 * at most 80 characters. A brief named `...md` made the deck name `..`, and `build` then
 * wrote (and replaced) `output/../default`. `fallback` stands in for a name with nothing left.
 */
export function pathSegment(name: string, fallback: string): string {
  const safe = [...name.replace(/[/\\:*?"<>|\u0000-\u001f\u007f]+/g, '-')]
    .slice(0, maxSegmentLength)
    .join('')
    .replace(/^[.\s-]+|[.\s]+$/g, '');
  return safe === '' ? fallback : safe;
}

/** Whether a name can be used as one path segment as it is. */
export function isPathSegment(name: string): boolean {
  return name !== '' && pathSegment(name, '') === name;
}
