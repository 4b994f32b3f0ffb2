/**
 * Built-in entity kinds beyond the `number` and `boolean` of the first release, in English and Spanish. Values:
 * `ordinal`, `people` (how many people: 2 for "me and my wife"), `percentage` (15 for "15 %"), `money` (the amount; the currency in `resolution.currency`) and
 * `duration` (seconds) are numbers; `date` is "YYYY-MM-DD", `time` "HH:MM", `datetime` "YYYY-MM-DDTHH:MM" in the
 * user's time zone; `weekday` is the English day name in lower case ("friday") for a named or relative day
 * ("viernes", "tomorrow", "el próximo martes"); `email` is lower case; `phone` is its digits with a leading "+" when written; `url` is as
 * written.
 */
export type BuiltinEntityKind =
  | 'ordinal'
  | 'people'
  | 'money'
  | 'percentage'
  | 'date'
  | 'time'
  | 'datetime'
  | 'weekday'
  | 'duration'
  | 'email'
  | 'phone'
  | 'url';

/** A built-in entity ({@link BuiltinEntityKind}). */
export interface BuiltinEntityDefinition {
  kind: BuiltinEntityKind;
}

/**
 * A digit string, written as digits ("45210", "45 210") or spoken digit by digit ("four five two one zero",
 * "cuatro cinco dos uno cero"); the value is the digits. `length` bounds how many digits count (default 1 to 20).
 */
export interface DigitsEntityDefinition {
  kind: 'digits';
  length?: { min?: number; max?: number };
}

/**
 * An entity learned from the skill's annotated examples (`"fly to [Paris](city)"`): a sequence tagger finds it in
 * context; the value is the text it covers.
 */
export interface LearnedEntityDefinition {
  kind: 'learned';
}
