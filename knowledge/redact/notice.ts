import type { LocalizedText } from '../types';

/** What the command line says when it removed something (the bot says the same from its own catalogue). */
export const REDACTION_NOTICE: LocalizedText = {
  en: 'The input contained what looks like a private key, password or token. It was removed before the analysis and is not shown. If it was real, consider it exposed and replace it.',
  de: 'Die Eingabe enthielt etwas, das wie ein privater Schlüssel, ein Kennwort oder ein Token aussieht. Es wurde vor der Auswertung entfernt und wird nicht angezeigt. Falls es echt war, gilt es als offengelegt und sollte ersetzt werden.',
};
