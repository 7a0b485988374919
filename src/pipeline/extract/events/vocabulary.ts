/**
 * Event-type vocabulary: Chronicle's readable event type ids, each with its HURIDOCS ESF
 * "Types of acts" term (micro-thesaurus 4, `../shared/esf/esf-micro-thesauri.csv`,
 * `vocab_number` + `term_en`) and its ACLED event/sub-event type (`../shared/acled/acled-event-types.csv`).
 *
 * The ESF rows were picked by hand from the CSV's "types of acts" list (list_code 4); the test
 * `test/events.test.ts` re-reads the CSV and checks every id/label pair below, so a typo or a
 * vocabulary update fails loudly. ESF codes acts that violate rights, so it has no term for a
 * court sentence, a criminal charge or a fine in themselves: those types carry `esf: null` and a
 * `note` saying which ESF term a reviewer usually picks once the facts are known.
 *
 * Example: EVENT_TYPES.detention.esf → { id: '03010200000004', label: 'Detention, imprisonment' }
 */

export interface EsfTerm {
  /** ESF vocab_number (14 digits, the CSV's `vocab_number`). */
  id: string;
  /** ESF English label (the CSV's `term_en`). */
  label: string;
}

export interface AcledType {
  eventType: string;
  subEventType: string;
}

export interface EventTypeInfo {
  label: string;
  esf: EsfTerm | null;
  acled: AcledType | null;
  note?: string;
}

const ACLED_ARRESTS: AcledType = { eventType: 'Strategic developments', subEventType: 'Arrests' };
const ACLED_ATTACK: AcledType = { eventType: 'Violence against civilians', subEventType: 'Attack' };

export const ACLED_PROTEST = {
  peaceful: { eventType: 'Protests', subEventType: 'Peaceful protest' },
  intervention: { eventType: 'Protests', subEventType: 'Protest with intervention' },
  excessiveForce: { eventType: 'Protests', subEventType: 'Excessive force against protesters' },
  violentDemonstration: { eventType: 'Riots', subEventType: 'Violent demonstration' },
  mobViolence: { eventType: 'Riots', subEventType: 'Mob violence' },
} as const satisfies Record<string, AcledType>;

export const EVENT_TYPES = {
  arrest: {
    label: 'Arrest',
    esf: { id: '03010100000004', label: 'Arrest' },
    acled: ACLED_ARRESTS,
  },
  detention: {
    label: 'Detention',
    esf: { id: '03010200000004', label: 'Detention, imprisonment' },
    acled: ACLED_ARRESTS,
  },
  'house-arrest': {
    label: 'House arrest',
    esf: { id: '03010500000004', label: 'House arrest' },
    acled: ACLED_ARRESTS,
  },
  sentencing: {
    label: 'Sentencing / conviction',
    esf: null,
    acled: null,
    note: 'ESF has no act for a sentence itself; a custodial sentence is usually coded 03010200000004 Detention, imprisonment, an unfair one 35011400000004 Denial of the right to fair trial.',
  },
  charges: {
    label: 'Charges / prosecution',
    esf: null,
    acled: null,
    note: 'ESF has no act for a charge itself; politically motivated charges are usually coded under the right violated (e.g. 10010100000004 Censorship).',
  },
  search: {
    label: 'Search / raid',
    esf: { id: '04010100000004', label: 'Illegal search / raid' },
    acled: null,
  },
  fine: {
    label: 'Fine',
    esf: null,
    acled: null,
    note: 'ESF has no act for an administrative fine; code the right it restricts (e.g. 12010500000004 Limitations on assemblies/gatherings).',
  },
  'travel-ban': {
    label: 'Travel ban',
    esf: { id: '05010600000004', label: 'Restriction on travel' },
    acled: null,
  },
  torture: {
    label: 'Torture',
    esf: { id: '02011111000004', label: 'Torture' },
    acled: ACLED_ATTACK,
  },
  'ill-treatment': {
    label: 'Ill-treatment / beating',
    esf: { id: '02010100000004', label: 'Physical assaults, including domestic violence' },
    acled: ACLED_ATTACK,
  },
  killing: {
    label: 'Killing',
    esf: { id: '01010100000004', label: 'Deliberate killings of specific individuals' },
    acled: ACLED_ATTACK,
  },
  'death-in-custody': {
    label: 'Death in custody',
    esf: { id: '01010601000004', label: 'Death in detention or police custody' },
    acled: ACLED_ATTACK,
  },
  disappearance: {
    label: 'Disappearance',
    esf: { id: '03010300000004', label: 'Disappearance' },
    acled: { eventType: 'Violence against civilians', subEventType: 'Abduction/forced disappearance' },
  },
  'attack-on-protest': {
    label: 'Attack on a protest',
    esf: { id: '02010100000004', label: 'Physical assaults, including domestic violence' },
    acled: ACLED_PROTEST.excessiveForce,
  },
  'assembly-ban': {
    label: 'Ban of an assembly',
    esf: { id: '12010600000004', label: 'Banning of a meeting/mass action' },
    acled: null,
  },
  dispersal: {
    label: 'Dispersal of an assembly',
    esf: { id: '12010500000004', label: 'Limitations on assemblies/gatherings' },
    acled: ACLED_PROTEST.intervention,
  },
  censorship: {
    label: 'Censorship / blocking',
    esf: { id: '10010100000004', label: 'Censorship' },
    acled: null,
  },
  'restrictive-law': {
    label: 'Restrictive legislation',
    esf: { id: '10210300000004', label: 'Promulgation of law or policy which reduces guarantees for freedom of expression' },
    acled: null,
    note: 'Default term; a law on assemblies or associations is recoded 12210300000004 by the extractor.',
  },
  harassment: {
    label: 'Harassment / intimidation',
    esf: { id: '02010300000004', label: 'Psychological assault, harassment' },
    acled: null,
  },
  threats: {
    label: 'Threats',
    esf: { id: '02010301000004', label: 'Threats (not including death threats)' },
    acled: null,
  },
  dissolution: {
    label: 'Dissolution of an organisation',
    esf: { id: '12010300000004', label: 'Banning of a group' },
    acled: { eventType: 'Strategic developments', subEventType: 'Change to group/activity' },
  },
  protest: {
    label: 'Protest',
    esf: null,
    acled: ACLED_PROTEST.peaceful,
  },
  riot: {
    label: 'Riot',
    esf: null,
    acled: ACLED_PROTEST.violentDemonstration,
  },
} as const satisfies Record<string, EventTypeInfo>;

export type EventType = keyof typeof EVENT_TYPES;

/** The ESF term for laws restricting assembly or association (used instead of the default). */
export const ESF_ASSEMBLY_LAW: EsfTerm = {
  id: '12210300000004',
  label: 'Promulgation of law or policy which reduces guarantees for freedom of association and assembly',
};
