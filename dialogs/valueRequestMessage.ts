/**
 * A placeholder is a question (issue 22, point 6): below the commands, one message asks for the
 * output that gives each value the commands still lack (knowledge/render/valueSources.ts), with
 * the exact command as a code block to copy; pasting that output fills the value in.
 */
import type { Language, RenderedMatch } from '../knowledge/types';
import { t } from './strings';

function list(items: string[], language: Language): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${language === 'de' ? 'und' : 'and'} ${items[items.length - 1]}`;
}

export function buildValueRequestMessage(reply: RenderedMatch, language: Language): string | undefined {
  const requests = reply.valueRequests ?? [];
  if (requests.length === 0) return undefined;
  const parts = requests.map(({ source, placeholders }) => {
    const values = { placeholders: list(placeholders, language), where: source.where[language] };
    return source.command
      ? `${t(language, 'values.missing', values)}\n\n\`\`\`powershell\n${source.command}\n\`\`\``
      : t(language, 'values.missingUpload', values);
  });
  return parts.join('\n\n');
}
