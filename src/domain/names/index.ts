/**
 * Name resolution across scripts and spellings: parse a name (`name-parse`), romanise and
 * key it (`transliterate`), and compare two names or get blocking keys (`name-match`).
 */
export {
  canonicalOf, compareNames, displayName, MAYBE_AT, nameKeys, SAME_AT,
  type NameContext, type NameDecision, type NameInput, type NameMatch,
} from './name-match.js';
export {
  cleanNameText, parseName, parsePerson,
  type NamePart, type NameType, type ParsedName, type ParsedPerson, type PersonReading,
} from './name-parse.js';
export { parseOrganization, type ParsedOrganization } from './org-names.js';
export { parsePlace, type ParsedPlace, type PlaceKind } from './place-names.js';
export { toConsonantKey, foldLatin, hasCyrillic, hasKazakhLetters, toSkeleton, toSkeletonText, toLatin } from './transliterate.js';
