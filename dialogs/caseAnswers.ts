/**
 * The bot's answers to a case: the diagnosis of everything the case holds (an answer card, a
 * separating question or "no match"), the reply to new evidence (what it changed on screen), the
 * user's answers to questions (by button or typed), and the answer card's "That fixed it" and
 * "Still not working" (then the other candidate, when the evidence supports it on its own).
 */
import { type Activity, MessageFactory } from 'botbuilder';
import {
  answerQuestion,
  canonicalCauseId,
  type Diagnosis,
  diagnose,
  type KnowledgeBase,
  type Language,
  loadKnowledgeBase,
  nextBestAnswer,
  render,
  sameCause,
} from '../knowledge';
import { caseSnapshot, type CaseSnapshot, compareSnapshots, describeUpdate, type EvidenceSource, kbOf, type Update } from './answerUpdate';
import { addFindings, allFindings, askedQuestion, type CaseState, lastCauseId, pendingQuestionOf } from './caseState';
import { buildHandoffOfferCard, buildStillBrokenCard } from './cards/stillBrokenCard';
import { cardActivity, type ReplyBundle, replyFor } from './replies';
import { t } from './strings';
import { say, send, type Turn } from './turn';

/** What a message's evidence brought, for the reply to it. */
export interface EvidenceChange {
  /** The case as the user saw it before the message; none: the reply is a full answer. */
  before?: CaseSnapshot;
  /** "Read: …" lines for the files of the message. */
  fileLines: Array<Partial<Activity>>;
  /** The certificate report, or the notes about the files. */
  report: Array<Partial<Activity>>;
  source: EvidenceSource;
  newEvidence: boolean;
}

export class CaseAnswers {
  /** @param maxQuestions separating questions asked before answering with what is known */
  constructor(private readonly maxQuestions: number) {}

  currentDiagnosis(state: CaseState): Diagnosis {
    return diagnose(allFindings(state), { maxQuestions: this.maxQuestions });
  }

  /** The case as the user last saw it, when that is still the diagnosis of its findings. */
  shownSnapshot(state: CaseState, language: Language): CaseSnapshot | undefined {
    // A question with nothing pending (a newer build retired it) cannot be "still open": ask again in full.
    if (!state.last || (state.last.verdict === 'ask' && !state.pendingQuestion)) return undefined;
    const snapshot = caseSnapshot(this.currentDiagnosis(state), language);
    // After "still not working" the user sees the other candidate, not the diagnosis: answer in full.
    const sameAnswer = snapshot.article === null ? state.last.cause === null : sameCause(snapshot.article, state.last.cause?.id);
    return snapshot.verdict === state.last.verdict && sameAnswer ? snapshot : undefined;
  }

  /**
   * The reply to new evidence (a paste, a log, a certificate). When it changes nothing the user
   * sees, one line says so instead of a repeated card; when it fills names, thumbprints, URLs or
   * file names into the answer, a line names them above the updated answer; an upload's
   * certificate report then follows the answer instead of pushing it off screen.
   */
  async replyToEvidence(turn: Turn, notices: string[], change: EvidenceChange): Promise<void> {
    const { state, language } = turn;
    const diagnosis = this.currentDiagnosis(state);
    const after = caseSnapshot(diagnosis, language);
    const update: Update = change.before ? compareSnapshots(change.before, after) : { kind: 'changed' };
    const line = describeUpdate(update, after, language, change.source, change.newEvidence);
    if ((update.kind === 'unchanged' || (update.kind === 'supports' && !update.resend)) && line) {
      const activities = [
        ...change.fileLines,
        ...change.report,
        ...notices.map((notice) => MessageFactory.text(notice)),
        MessageFactory.text(line),
      ];
      await send(turn, activities, line);
      return;
    }
    let intro: string | undefined;
    if (update.kind === 'changed' && change.before && after.verdict === 'match') {
      intro =
        change.before.verdict === 'match' ? t(language, 'update.newAnswer', { kb: kbOf(after.article) }) : t(language, 'update.nowAnswer');
    }
    const reply = this.replyForDiagnosis(turn, diagnosis, notices, intro);
    const filled = (update.kind === 'filled' || update.kind === 'supports') && line ? [MessageFactory.text(line)] : [];
    // With a case on screen the updated answer comes first; a first upload shows its report first.
    const activities =
      change.before && after.verdict === 'match'
        ? [...change.fileLines, ...filled, ...reply.activities, ...change.report]
        : [...change.fileLines, ...change.report, ...reply.activities];
    await send(turn, activities, [line, reply.transcriptLine].filter(Boolean).join('\n'));
  }

  /** The reply for the case as it stands: its answer, the next question or "no match". */
  async diagnoseAndReply(turn: Turn): Promise<void> {
    const reply = this.replyForDiagnosis(turn, this.currentDiagnosis(turn.state), []);
    await send(turn, reply.activities, reply.transcriptLine);
  }

  /** The user's answer to a question (button or typed); a stale or forged one gets a clear message. */
  async answer(turn: Turn, questionId: string, optionId: string): Promise<void> {
    const { state } = turn;
    const pending = askedQuestion(state);
    if (!pending || pending.id !== questionId) {
      if (state.questionsAsked.includes(questionId)) {
        await say(turn, 'submit.staleQuestion');
        await this.diagnoseAndReply(turn);
      } else {
        await say(turn, 'submit.forged');
      }
      return;
    }
    const added = answerQuestion(pending, optionId);
    if (added.length === 0) {
      await say(turn, 'submit.forged');
      return;
    }
    addFindings(state, added);
    state.pendingQuestion = undefined;
    await this.diagnoseAndReply(turn);
  }

  /** "That fixed it" on an answer card. */
  async fixed(turn: Turn, cause: string): Promise<void> {
    const { state } = turn;
    if (!isShownArticle(state, cause)) return say(turn, 'submit.forged');
    state.fixed = [...new Set([...(state.fixed ?? []), canonicalCauseId(cause)])];
    return say(turn, 'fixed.thanks');
  }

  /** "Still not working" on an answer card: asks whether it is the same problem or a different one. */
  async stillBroken(turn: Turn, cause: string): Promise<void> {
    const { state, language } = turn;
    if (!isShownArticle(state, cause)) return say(turn, 'submit.forged');
    const id = canonicalCauseId(cause);
    if (!state.stillNotWorking.includes(id)) state.stillNotWorking.push(id);
    state.awaitingStillBrokenChoice = true;
    return send(turn, [cardActivity(buildStillBrokenCard(language), t(language, 'stillBroken.ask'))], t(language, 'stillBroken.ask'));
  }

  /** The answer to "same problem or a different one?": a new paste, or the other candidate. */
  async stillBrokenChoice(turn: Turn, choice: 'same' | 'different'): Promise<void> {
    const { state } = turn;
    if (!state.awaitingStillBrokenChoice) return say(turn, 'submit.forged');
    state.awaitingStillBrokenChoice = false;
    if (choice === 'different') return say(turn, 'stillBroken.pasteNew');
    return this.offerNextCandidate(turn);
  }

  /**
   * "Still not working" typed ("still the same NDR after the restart"): after an answer, the same
   * as pressing the button and saying it is the same error; otherwise the case as it stands.
   */
  async stillBrokenTyped(turn: Turn): Promise<void> {
    const { state } = turn;
    const cause = lastCauseId(state);
    if (!cause || state.pendingQuestion) return this.diagnoseAndReply(turn);
    if (!state.stillNotWorking.includes(cause)) state.stillNotWorking.push(cause);
    state.awaitingStillBrokenChoice = false;
    return this.offerNextCandidate(turn);
  }

  /**
   * After "still not working, same error": the next cause the evidence allows. The best other
   * article the evidence supports on its own is answered; otherwise, while another article is
   * still open (the case's evidence, without the ones that did not fix it, leaves it relevant),
   * the open causes with the checks that tell them apart; only when none is open, a person.
   */
  private async offerNextCandidate(turn: Turn): Promise<void> {
    const { state, language } = turn;
    // The other article only when the evidence supports it on its own, explained by its own findings.
    const alternative = nextBestAnswer(allFindings(state), state.stillNotWorking, { maxQuestions: this.maxQuestions });
    if (!alternative || !alternative.cause) return this.offerOpenCauses(turn);
    state.pendingQuestion = undefined;
    state.last = { verdict: 'match', cause: alternative.cause };
    const reply = replyFor(render(alternative, language), language, {
      intro: t(language, 'stillBroken.next'),
      channelId: turn.context.activity.channelId,
    });
    await send(turn, reply.activities, reply.transcriptLine);
  }

  /** No other article stands on its own evidence: the ones still open, with their checks, or a person when none is. */
  private async offerOpenCauses(turn: Turn): Promise<void> {
    const { state, language } = turn;
    const rest = diagnose(allFindings(state), { maxQuestions: 0, knowledgeBase: withoutCauses(state.stillNotWorking) });
    const open = rest.candidates.filter((candidate) => candidate.confidence >= OPEN_CAUSE);
    if (open.length === 0) {
      const message = t(language, 'stillBroken.noOther');
      await send(turn, [cardActivity(buildHandoffOfferCard(language, message), message)], message);
      return;
    }
    state.pendingQuestion = undefined;
    if (rest.verdict === 'match' && rest.cause) {
      state.last = { verdict: 'match', cause: rest.cause };
      const reply = replyFor(render(rest, language), language, {
        intro: t(language, 'stillBroken.next'),
        channelId: turn.context.activity.channelId,
      });
      await send(turn, reply.activities, reply.transcriptLine);
      return;
    }
    // Each open cause with the checks that confirm or rule it out (render's "undecided" answer).
    const checks: Diagnosis = {
      ...rest,
      verdict: 'no_match',
      article: null,
      cause: null,
      noMatchReason: 'undecided',
      contenders: open.map((c) => c.cause),
    };
    state.last = { verdict: 'no_match', cause: null };
    const kb = loadKnowledgeBase();
    const names = open.map((c) => kb.articles.find((a) => sameCause(a.id, c.cause))?.kb ?? c.cause).join(', ');
    const rendered = render(checks, language);
    const intro = t(language, open.length === 1 ? 'stillBroken.nextOpen' : 'stillBroken.nextOpenSeveral', { kb: names });
    const reply = replyFor(rendered.kind === 'no_match' ? { ...rendered, text: intro } : rendered, language, {
      channelId: turn.context.activity.channelId,
    });
    await send(turn, reply.activities, reply.transcriptLine);
  }

  /** Records what the user is shown (pending question, last verdict) and builds the reply. */
  private replyForDiagnosis(turn: Turn, diagnosis: Diagnosis, notices: string[], intro?: string): ReplyBundle {
    const { state, language } = turn;
    if (diagnosis.verdict === 'ask' && diagnosis.question) {
      state.pendingQuestion = pendingQuestionOf(diagnosis.question);
      if (!state.questionsAsked.includes(diagnosis.question.id)) state.questionsAsked.push(diagnosis.question.id);
    } else {
      state.pendingQuestion = undefined;
    }
    state.last = { verdict: diagnosis.verdict, cause: diagnosis.cause };
    return replyFor(render(diagnosis, language, { notices }), language, { intro, channelId: turn.context.activity.channelId });
  }
}

/** An article the evidence leaves at least this score (after its excluding findings) is still open after "still not working". */
const OPEN_CAUSE = 0.3;

const reducedKnowledge = new Map<string, KnowledgeBase>();

/** The catalogue without the causes the user said did not fix it (cached per set: diagnose caches per catalogue). */
function withoutCauses(ids: string[]): KnowledgeBase {
  const kb = loadKnowledgeBase();
  if (ids.length === 0) return kb;
  const key = [...ids].sort().join(',');
  let reduced = reducedKnowledge.get(key);
  if (!reduced) {
    const keep = (cause: { id: string }) => !ids.some((id) => sameCause(id, cause.id));
    reduced = { ...kb, causes: kb.causes.filter(keep), articles: kb.articles.filter(keep), lookalikes: kb.lookalikes.filter(keep) };
    if (reducedKnowledge.size > 32) reducedKnowledge.clear();
    reducedKnowledge.set(key, reduced);
  }
  return reduced;
}

/** A fixed/still-broken click must be about the answer the user actually got. */
function isShownArticle(state: CaseState, cause: string): boolean {
  return sameCause(state.last?.cause?.id, cause) || state.stillNotWorking.some((id) => sameCause(id, cause));
}

/** "2", "2.", or the option's own text typed instead of pressing the button. */
export function typedOption(state: CaseState, text: string, language: Language): string | undefined {
  const question = askedQuestion(state);
  if (!question) return undefined;
  const typed = text.trim().toLowerCase().replace(/[.)]$/, '');
  const number = /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
  if (Number.isInteger(number) && number >= 1 && number <= question.options.length) return question.options[number - 1].id;
  const match = question.options.find(
    (option) =>
      option.text[language].toLowerCase() === typed || option.text.en.toLowerCase() === typed || option.text.de.toLowerCase() === typed,
  );
  return match?.id;
}
