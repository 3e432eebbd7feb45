/**
 * Marks English text kept in pure logic (tables of explanations) for extraction into the locale file:
 * i18next-parser is configured to read `translatable('…')` like `t('…')`, and the UI translates the value
 * with `t(text)` at render time. Returns the text unchanged.
 */
export const translatable = (text: string): string => text;
