// UI texts of the incident's facts: origins, the correction page and its errors (Dutch first,
// English complete). Officer pages address the officer with "je", like the assessment page.
import { defineMessages } from '../i18n/define-messages.js';

export const factsMessages = defineMessages(
  {
    'facts.title': 'Feiten van {reference}',
    'facts.intro':
      'Dit zijn de feiten die nu gelden. Ze gaan naar de beoordeling, het dossier voor de AP, de melding aan het ministerie en het register. Wat de melder opgaf blijft bewaard; een correctie wordt een nieuwe versie met jouw naam, het tijdstip en de reden.',
    'facts.back': 'Terug naar het incident',
    'facts.current': 'Geldende feiten',
    'facts.col.fact': 'Feit',
    'facts.col.value': 'Waarde',
    'facts.col.origin': 'Herkomst',
    'facts.correct': 'Feiten corrigeren',
    'facts.correctHint':
      'Pas aan wat niet klopt en schrijf erbij waarom. Alleen wat je wijzigt wordt als correctie vastgelegd.',
    'facts.reason': 'Reden van de correctie',
    'facts.reasonHint':
      'Bijvoorbeeld: "Ontvanger telefonisch gesproken; de map was versleuteld met een sleutel die niet is meegestuurd."',
    'facts.submit': 'Correctie opslaan',
    'facts.saved': 'De correctie is opgeslagen als versie {version}.',
    'facts.history': 'Geschiedenis van de feiten',
    'facts.historyHint':
      'Elke waarde die een feit had, de oudste eerst. De opgave van de melder blijft altijd staan.',
    'facts.col.when': 'Wanneer',
    'facts.notGiven': 'Nog niet bekend',
    'facts.general': 'zoals de algemene beveiliging',
    'facts.link': 'Feiten corrigeren',
    'facts.corrections': 'Door de privacyfunctionaris gecorrigeerde feiten',
    'facts.correctionsHint':
      'Deze antwoorden komen uit de feiten die nu gelden, niet uit de oorspronkelijke melding.',
    'facts.staleAssessment':
      'De feiten zijn gecorrigeerd na de laatste beoordeling. Beoordeel opnieuw, zodat de risico-inschatting de geldende feiten gebruikt.',
    'facts.field.protection': 'Beveiliging per soort gegevens',
    'facts.assessmentHint':
      'De feiten hieronder zijn de geldende feiten: de melding met de correcties van de privacyfunctionaris. Herkomst en geschiedenis:',
    'facts.countsCorrected': 'De aantallen in dit bericht komen uit de gecorrigeerde feiten:',
    'facts.origin.reporter': 'gemeld door {name} op {at}',
    'facts.origin.corrected': 'gecorrigeerd door {name} op {at}: {reason}',
    'facts.origin.assessed': 'vastgesteld in beoordeling versie {version} door {name} op {at}',
    'facts.origin.assessedReason':
      'vastgesteld in beoordeling versie {version} door {name} op {at}: {reason}',
    'facts.origin.correctedShort': 'Gecorrigeerd door {name} op {at}',
    'facts.origin.assessedShort': 'Vastgesteld in beoordeling versie {version} door {name} op {at}',
    'facts.error.reasonRequired': 'Schrijf op waarom je de feiten corrigeert.',
    'facts.error.nothingChanged': 'Je hebt niets gewijzigd. Pas eerst een feit aan.',
    'facts.error.changedMeanwhile':
      'Iemand anders heeft de feiten intussen gewijzigd. Bekijk de geldende feiten en sla je correctie opnieuw op.',
    'facts.error.closed': 'Dit incident is afgesloten; de feiten kunnen niet meer worden gecorrigeerd.',
    'facts.error.count': 'Vul een heel getal in (0 of meer), zonder punten.',
    'facts.error.number': 'Vul een getal in (0 of meer), bijvoorbeeld 12 of 1,5.',
    'facts.error.countRange': 'Het minimum mag niet groter zijn dan het maximum.',
    'incidents.event.facts-corrected': 'Feiten gecorrigeerd',
  },
  {
    'facts.title': 'Facts of {reference}',
    'facts.intro':
      'These are the facts in force. They feed the assessment, the AP dossier, the ministry notice and the register. What the reporter said is kept; a correction becomes a new version with your name, the time and the reason.',
    'facts.back': 'Back to the incident',
    'facts.current': 'Facts in force',
    'facts.col.fact': 'Fact',
    'facts.col.value': 'Value',
    'facts.col.origin': 'Origin',
    'facts.correct': 'Correct the facts',
    'facts.correctHint':
      'Change what is wrong and say why. Only what you change is recorded as a correction.',
    'facts.reason': 'Reason for the correction',
    'facts.reasonHint':
      'For example: "Spoke to the recipient by phone; the folder was encrypted with a key that was not sent along."',
    'facts.submit': 'Save correction',
    'facts.saved': 'The correction was saved as version {version}.',
    'facts.history': 'History of the facts',
    'facts.historyHint': "Every value a fact had, oldest first. The reporter's answer always stays.",
    'facts.col.when': 'When',
    'facts.notGiven': 'Not yet known',
    'facts.general': 'as the general protection',
    'facts.link': 'Correct the facts',
    'facts.corrections': 'Facts corrected by the privacy officer',
    'facts.correctionsHint': 'These answers come from the facts in force, not from the original report.',
    'facts.staleAssessment':
      'The facts were corrected after the latest assessment. Assess again so the risk assessment uses the facts in force.',
    'facts.field.protection': 'Protection per kind of data',
    'facts.assessmentHint':
      "The facts below are the facts in force: the report with the privacy officer's corrections. Origin and history:",
    'facts.countsCorrected': 'The counts in this notice come from the corrected facts:',
    'facts.origin.reporter': 'reported by {name} on {at}',
    'facts.origin.corrected': 'corrected by {name} on {at}: {reason}',
    'facts.origin.assessed': 'confirmed in assessment version {version} by {name} on {at}',
    'facts.origin.assessedReason': 'confirmed in assessment version {version} by {name} on {at}: {reason}',
    'facts.origin.correctedShort': 'Corrected by {name} on {at}',
    'facts.origin.assessedShort': 'Confirmed in assessment version {version} by {name} on {at}',
    'facts.error.reasonRequired': 'Say why you are correcting the facts.',
    'facts.error.nothingChanged': 'You did not change anything. Change a fact first.',
    'facts.error.changedMeanwhile':
      'Someone else changed the facts meanwhile. Check the facts in force and save your correction again.',
    'facts.error.closed': 'This incident is closed; its facts can no longer be corrected.',
    'facts.error.count': 'Enter a whole number (0 or more), without separators.',
    'facts.error.number': 'Enter a number (0 or more), for example 12 or 1.5.',
    'facts.error.countRange': 'The minimum must not be greater than the maximum.',
    'incidents.event.facts-corrected': 'Facts corrected',
  },
);
