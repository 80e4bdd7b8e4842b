import type { AudienceProfile } from '../load/schema.js';
import { validMarking, type Marking } from '../load/marking.js';
import type { Slide } from '../model.js';

/**
 * The release model: what an external audience (public, a partner) may never receive,
 * whatever its profile's lists say. Internal audiences (principal, staff) are bound only by
 * their profiles. Pure.
 */

/** Tags that restrict release, always: `internal` judgments, `us-only` material, `unverified` claims. */
export const builtInRestrictedTags = ['internal', 'us-only', 'unverified'] as const;

/** Every restricted tag of a deck: the built-in ones and those its house style and manifest declare. */
export function restrictedTags(declared: string[] = []): string[] {
  return [...new Set([...builtInRestrictedTags, ...declared.map((t) => t.toLowerCase())])];
}

/** What the release rules say about one slide for one audience. */
export interface ReleaseVerdict {
  /** Why the slide does not go (the reason the build report and `check --release` show). */
  drop?: string;
  /** A slide that must not go, but that the author sent there: an error at the slide's line. */
  error?: string;
}

/**
 * The release rules for an external audience, checked before its profile's own lists:
 * a restricted tag never goes; a slide with a `REL TO` list goes only where every country
 * of the audience's release is on it (an audience without a `REL TO` list, such as the
 * public, is everyone: no list covers it). An `unverified` slide that would otherwise go,
 * or a slide naming the audience that its tags or `REL TO` list keep from it, is an error.
 * `otherwise` says whether the slide passes every other rule of the profile.
 */
export function releaseVerdict(slide: Slide, profile: AudienceProfile, marking: Marking | undefined, restricted: string[], otherwise: boolean): ReleaseVerdict {
  if (!profile.external) return {};
  const tags = slide.tags.filter((t) => restricted.includes(t));
  if (tags.length) {
    const drop = `tagged ${tags.join(', ')}: restricted, never released to an external audience (${profile.name})`;
    if (slide.audiences.includes(profile.name)) {
      return { drop, error: `slide "${slide.title}" names the external audience ${profile.name}, but is tagged ${tags.join(', ')}, which never goes to an external audience: remove ${profile.name} from audience= or the tag` };
    }
    if (tags.length === 1 && tags[0] === 'unverified' && otherwise) {
      return { drop, error: `slide "${slide.title}" is tagged unverified and would go to the external audience ${profile.name}: check its claims and remove the tag, or keep it from ${profile.name} (audience=..., .internal)` };
    }
    return { drop };
  }
  const relTo = marking?.relTo;
  if (!relTo) return {};
  const room = validMarking(profile.ceiling ?? profile.marking)?.relTo;
  const missing = room ? room.filter((c) => !relTo.includes(c)) : undefined;
  if (missing && !missing.length) return {};
  const drop = room
    ? `releasable to ${relTo.join(', ')} only, not ${missing!.join(", ")} for ${profile.name}`
    : `releasable to ${relTo.join(', ')} only; ${profile.name} has no REL TO list (anyone may read it)`;
  if (slide.audiences.includes(profile.name)) {
    return { drop, error: `slide "${slide.title}" names audience ${profile.name}, but its marking is ${drop}` };
  }
  return { drop };
}
