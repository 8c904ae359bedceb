/** Deutsche Texte der Übergabe an einen Menschen: Nutzerseite (case.*) und Teams-Agentenkanal (agent.*). */
import type { escalationEn } from './escalation.en';

export const escalationDe: Record<keyof typeof escalationEn, string> = {
  'case.opened':
    'Ich habe den Supportfall #{caseId} für Sie angelegt, mit einer Zusammenfassung von allem, was wir bisher gefunden haben, damit Sie nichts wiederholen müssen. Sie sind Nummer {position} in der Warteschlange. Sobald jemand aus dem Support frei ist, kommt er in diesen Chat; Sie sehen es hier. Bis dahin können Sie Nachrichten oder Dateien ergänzen oder mit „abbrechen“ die Anfrage zurückziehen.',
  'case.openedNobody':
    'Ich habe den Supportfall #{caseId} für Sie angelegt, mit einer Zusammenfassung von allem, was wir bisher gefunden haben. Im Moment ist niemand aus dem Support erreichbar (Supportzeiten: {hours}), es dauert also etwas. Ihr Fall bleibt in der Warteschlange, und jemand antwortet hier, sobald der Support wieder da ist. Wenn Sie lieber per E-Mail eine Antwort möchten, schreiben Sie Ihre E-Mail-Adresse.',
  'case.already':
    'Ihr Supportfall #{caseId} ist bereits angelegt: Sie sind Nummer {position} in der Warteschlange. Was Sie hier schreiben, kommt dazu.',
  'case.alreadyAssigned': '{agent} aus dem Support bearbeitet Ihren Fall #{caseId}: Schreiben Sie einfach hier.',
  'case.added': 'Zu Ihrem Fall #{caseId} hinzugefügt. Sie sind Nummer {position} in der Warteschlange.',
  'case.fileAdded': 'Ich habe diesen Bericht zu Ihrem Fall #{caseId} hinzugefügt, damit ihn auch der Support sieht.',
  'case.cancelled':
    'Ich habe Ihre Supportanfrage #{caseId} zurückgezogen. Wenn Sie später doch einen Menschen brauchen, fragen Sie einfach wieder.',
  'case.ended': 'Sie haben das Gespräch mit dem Support beendet (Fall #{caseId}). Ab jetzt antworte wieder ich, der Bot.',
  'case.agentJoined': '{agent} aus dem Support ist dem Chat beigetreten (Fall #{caseId}). Ab jetzt gehen Ihre Nachrichten an {agent}.',
  'case.agentReleased':
    '{agent} hat Ihren Fall #{caseId} an die Warteschlange des Supports zurückgegeben; Sie sind Nummer {position}. Die nächste freie Person aus dem Support macht hier weiter.',
  'case.agentTransferred': '{from} hat Ihren Fall #{caseId} an {agent} aus dem Support übergeben, der diesen Chat mit Ihnen fortsetzt.',
  'case.closedByAgent': '{agent} hat Ihren Fall #{caseId} abgeschlossen. Ab jetzt antworte wieder ich, der Bot.',
  'case.agentSays': '{agent} (Support): {text}',
  'case.agentAnswer': '{agent} aus dem Support schickt Ihnen diese Antwort:',
  'case.rate.prompt': 'Wie zufrieden waren Sie mit der Hilfe zu Fall #{caseId}? Bitte bewerten Sie von 1 (schlecht) bis 5 (sehr gut).',
  'case.rate.comment': 'Kommentar (optional)',
  'case.rate.thanks': 'Vielen Dank für Ihre Bewertung.',
  'case.rate.already': 'Sie haben diesen Fall bereits bewertet. Vielen Dank!',
  'case.nobody':
    'Leider war in den letzten {minutes} Minuten niemand aus dem Support frei. Ihr Fall #{caseId} bleibt in der Warteschlange, und jemand wird hier antworten. Wenn Sie lieber per E-Mail eine Antwort möchten, schreiben Sie Ihre E-Mail-Adresse.',
  'case.contactSaved': 'Danke. Der Support antwortet an {email} zu Fall #{caseId}. Die Adresse wird nur bei Ihrem Fall gespeichert.',
  'case.contactInvalid':
    'Das sieht nicht wie eine E-Mail-Adresse aus (zum Beispiel name@contoso.com). Bitte schreiben Sie sie noch einmal.',
  'case.notDelivered':
    'Ihre Nachricht ist bei Fall #{caseId} gespeichert, konnte {agent} aber gerade nicht angezeigt werden; {agent} sieht sie im Fall.',
  'case.buttonsPaused':
    'Sie sind wegen Fall #{caseId} mit dem Support im Gespräch, deshalb sind diese Schaltflächen pausiert. Schreiben Sie Ihre Nachricht hier, oder beenden Sie das Supportgespräch mit „abbrechen“.',
  'case.restartBlocked':
    'Ihr Supportfall #{caseId} ist noch offen. Schreiben Sie zuerst „abbrechen“, wenn Sie ihn zurückziehen und neu anfangen möchten.',
  'case.help': 'Ihr Supportfall #{caseId} ist offen. Was Sie hier schreiben, kommt dazu; mit „abbrechen“ ziehen Sie ihn zurück.',
  'case.button.cancel': 'Anfrage zurückziehen',
  'case.button.end': 'Chat mit dem Support beenden',
  'case.button.endConfirm': 'Ja, Chat beenden',
  'case.button.keep': 'Nein, weiterschreiben',
  'case.endConfirm':
    'Möchten Sie den Chat mit {agent} beenden (Fall #{caseId})? Ihre Nachrichten gehen dann nicht mehr an den Support, und ich, der Bot, antworte wieder. Schreiben Sie „ja“ zum Beenden oder „nein“, um weiterzuschreiben.',
  'case.endKept': 'Gut: Sie schreiben weiter mit {agent} (Fall #{caseId}). Schreiben Sie einfach hier.',
  'case.helpAssigned':
    '{agent} aus dem Support bearbeitet Ihren Fall #{caseId}: Was Sie hier schreiben, geht an {agent}. Mit „Chat beenden“ beenden Sie den Chat mit {agent} (Sie werden vorher gefragt).',
  'case.contactCenterAccepted': 'Jemand aus dem Support ist dem Chat beigetreten (Fall #{caseId}).',
  'case.contactCenterFailed': 'Der Support konnte gerade nicht übernehmen{reason}. Ihr Fall #{caseId} bleibt in der Warteschlange.',
  'case.contactCenterCompleted': 'Das Gespräch mit dem Support ist beendet (Fall #{caseId}). Ab jetzt antworte wieder ich, der Bot.',
  'agent.card.title': 'Fall #{caseId}',
  'agent.card.meta': '{language} · {channel} · wartet seit {time} UTC',
  'agent.card.trigger.user-request': 'Der Nutzer hat nach einem Menschen gefragt.',
  'agent.card.trigger.no-match': 'Der Bot hat keinen passenden Artikel gefunden.',
  'agent.card.trigger.still-not-working': 'Laut Nutzer hat die Antwort nicht geholfen, und der Bot hatte nichts mehr zu versuchen.',
  'agent.card.verdict': 'Ergebnis',
  'agent.card.answer': 'Gegebene Antwort',
  'agent.card.candidates': 'Kandidaten',
  'agent.card.findings': 'Befunde',
  'agent.card.certificates': 'Zertifikate',
  'agent.card.transcript': 'Letzte Nachrichten',
  'agent.card.take': 'Fall übernehmen',
  'agent.card.openDesk': 'Im Desk öffnen',
  'agent.card.takenBy': 'Übernommen von {agent}',
  'agent.card.closed': 'Abgeschlossen',
  'agent.card.release': 'Zurück in die Warteschlange',
  'agent.card.close': 'Fall abschließen',
  'agent.taken':
    '{agent}, Fall #{caseId} gehört Ihnen. Antworten Sie in diesem Thread und erwähnen Sie den Bot, um dem Kunden zu schreiben; seine Nachrichten erscheinen hier. Mit den Schaltflächen der Karte geben Sie den Fall zurück oder schließen ihn ab.',
  'agent.takenGroupChat':
    '{agent}, Fall #{caseId} gehört Ihnen. Erwähnen Sie den Bot und beginnen Sie mit #{caseId}, um dem Kunden zu schreiben; seine Nachrichten erscheinen hier.',
  'agent.alreadyTaken': 'Fall #{caseId} ist bereits von {agent} übernommen.',
  'agent.notYours': 'Fall #{caseId} bearbeitet {agent}; nur {agent} kann dem Kunden schreiben.',
  'agent.notDelivered': 'Nicht beim Kunden angekommen: {error}.',
  'agent.userSaid': 'Kunde: {text}',
  'agent.botNote': 'Bot: {text}',
  'agent.closed': 'Fall #{caseId} ist abgeschlossen.',
  'agent.released': 'Fall #{caseId} ist zurück in der Warteschlange.',
  'agent.cancelled': 'Der Kunde hat Fall #{caseId} zurückgezogen.',
  'agent.customerAway':
    'Der Kunde hat den Chat verlassen (Seite geschlossen oder offline). Nachrichten an ihn bleiben erhalten und erscheinen, wenn er zurückkommt.',
  'agent.customerBack': 'Der Kunde ist wieder im Chat.',
  'agent.noCase':
    'Dieser Thread gehört zu keinem offenen Fall, den Sie übernommen haben. Übernehmen Sie zuerst einen Fall mit seiner Karte.',
  'agent.channelId': 'Die ID dieser Unterhaltung, für AGENT_TEAMS_CONVERSATION_ID: {id}',
  'agent.rejected': 'Nicht gesendet: {reason}',
  'agent.reason.notText': 'Die Nachricht muss Text sein.',
  'agent.reason.empty': 'Die Nachricht ist leer.',
  'agent.reason.tooLong': 'Die Nachricht ist länger als {max} Zeichen.',
  'agent.reason.httpsOnly': 'An den Kunden dürfen nur https-Links gehen („{scheme}:“ gefunden).',
  'agent.delivery.http': 'Der Kanal antwortete mit HTTP {status}',
  'agent.delivery.forbidden': 'Der Kanal antwortete mit HTTP {status} (der Bot darf dort nicht schreiben oder wurde entfernt)',
  'agent.delivery.gone': 'Der Kanal antwortete mit HTTP {status} (die Unterhaltung gibt es nicht mehr)',
  'agent.delivery.unreachable': 'Der Kanal war nicht erreichbar{code}',
  'agent.delivery.noTurn': 'Die Zustellung wurde nicht ausgeführt',
  'agent.delivery.other': '{reason}',
  /** As the chat writes it (card.confidence): "85%", German "85 %". */
  'agent.percent': '{percent} %',
  'language.name.de': 'Deutsch',
  'language.name.en': 'Englisch',
};
