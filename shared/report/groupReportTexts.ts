/** `groupText` — one text of the group report catalogue (groupReportTexts.{nl,en}.ts) through the i18n layer. */
import { createTranslator, type MessageParams } from '../i18n/messageFormat.js';
import { groupReportTextsEn } from './groupReportTexts.en.js';
import { groupReportTextsNl, type GroupReportTextKey } from './groupReportTexts.nl.js';
import type { ReportLang } from './reportMessages.js';

export type { GroupReportTextKey };
const translate = createTranslator<GroupReportTextKey>({ nl: groupReportTextsNl, en: groupReportTextsEn });

export function groupText(lang: ReportLang, key: GroupReportTextKey, params?: MessageParams): string {
  return translate(lang, key, params);
}
