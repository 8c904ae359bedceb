/**
 * How a button press reads in the transcript an agent sees: the button's own label in the user's
 * language ("[Pressed: Talk to a person]"), never the raw JSON a card sends back. A value that is
 * not one of the bot's buttons is recorded as such, without its content (a forged value may carry
 * anything).
 */
import type { Language } from '../knowledge/types';
import { askedQuestion, type CaseState } from './caseState';
import { type StringKey, t } from './strings';
import type { SubmitValue } from './submitValues';

const SIMPLE_LABELS: Partial<Record<SubmitValue['action'], StringKey>> = {
  describe: 'button.describe',
  paste: 'button.paste',
  upload: 'button.upload',
  handoff: 'button.handoff',
  fixed: 'card.fixed',
  'still-broken': 'card.stillBroken',
  'cancel-case': 'case.button.cancel',
  'same-problem': 'newCase.undoButton',
};

function label(submit: SubmitValue, state: CaseState, language: Language): string {
  const key = SIMPLE_LABELS[submit.action];
  if (key) return t(language, key);
  switch (submit.action) {
    case 'help':
      return t(language, 'transcript.help');
    case 'restart':
      return t(language, 'transcript.restart');
    case 'answer': {
      const asked = askedQuestion(state);
      const question = asked?.id === submit.questionId ? asked : undefined;
      const option = question?.options.find((candidate) => candidate.id === submit.optionId);
      return option ? option.text[language] : t(language, 'transcript.answerOf', { question: submit.questionId, option: submit.optionId });
    }
    case 'still-broken-choice':
      return t(language, submit.choice === 'same' ? 'stillBroken.same' : 'stillBroken.different');
    case 'rate':
      return t(language, 'transcript.rating', { score: submit.score });
    case 'end-case':
      return t(language, submit.confirm ? 'case.button.endConfirm' : 'case.button.keep');
    case 'language':
      return submit.language === 'de' ? 'Deutsch' : 'English';
    default:
      return submit.action;
  }
}

export function buttonPressText(submit: SubmitValue | undefined, state: CaseState, language: Language): string {
  if (!submit) return `[${t(language, 'transcript.unusableButton')}]`;
  return `[${t(language, 'transcript.pressed', { label: label(submit, state, language) })}]`;
}
