// UI texts of the assessment page (issue 4): field labels and help texts (domain.md §6.1, §7,
// §10.2), result labels, errors. Enumeration option labels come from assessment.labels.ts.
import { defineMessages } from '../i18n/define-messages.js';

export const assessmentsMessages = defineMessages(
  {
    'assessments.title': 'Beoordeling',
    'assessments.intro':
      'Controleer de feiten uit de melding, pas aan wat nodig is en bereken opnieuw. Jij besluit; de berekening is een hulpmiddel.',
    'assessments.incident': 'Incident {reference}',
    'assessments.status': 'Status',
    'assessments.summary': 'Wat er gebeurde (melding)',
    'assessments.group.what': 'Wat is er gebeurd',
    'assessments.group.when': 'Wanneer',
    'assessments.group.data': 'Welke gegevens, van wie',
    'assessments.group.confidentiality': 'Vertrouwelijkheid en ontvangers',
    'assessments.group.integrityAvailability': 'Integriteit en beschikbaarheid',
    'assessments.group.enisa': 'ENISA-beoordeling en gevolgen',
    'assessments.group.decision': 'Besluit',
    'assessments.field.incidentCause': 'Oorzaak',
    'assessments.help.incidentCause':
      'Kies de oorzaak die het best past; dit helpt het vergelijkbare EDPB-voorbeeld te vinden.',
    'assessments.field.incidentNature': 'Aard van het incident',
    'assessments.help.incidentNature':
      'Wat is er met de gegevens gebeurd? Meerdere antwoorden mogelijk (AP-meldformulier).',
    'assessments.field.breachTypes': 'Soort inbreuk',
    'assessments.help.breachTypes':
      'Vertrouwelijkheid (ingezien of verstrekt), integriteit (gewijzigd), beschikbaarheid (kwijt of onbereikbaar).',
    'assessments.field.discoveryChannel': 'Hoe ontdekt',
    'assessments.help.discoveryChannel': 'Hoe het incident aan het licht kwam.',
    'assessments.field.discoveredAt': 'Ontdekt op',
    'assessments.help.discoveredAt': 'Het eerste signaal, in Nederlandse tijd.',
    'assessments.field.awarenessAt': 'Moment van kennisname',
    'assessments.help.awarenessAt':
      'Moment waarop redelijk zeker was dat persoonsgegevens getroffen zijn. De 72 uur voor de AP lopen vanaf hier, ook ’s nachts en in het weekend.',
    'assessments.field.awarenessNote': 'Toelichting op het moment van vaststellen',
    'assessments.help.awarenessNote': 'Verplicht als er meer dan 24 uur zit tussen ontdekken en vaststellen.',
    'assessments.field.personalDataInvolved': 'Zijn er persoonsgegevens getroffen?',
    'assessments.help.personalDataInvolved':
      'Nee: dan is het geen datalek maar een beveiligingsincident (wel registreren).',
    'assessments.field.dataCategories': 'Soorten gegevens',
    'assessments.help.dataCategories':
      'De zwaarste soort bepaalt de ENISA-basisscore (DPC): gewoon 1, gedrag 2, financieel/BSN/ID 3, bijzonder 4.',
    'assessments.field.credentialsUnlock': 'Waar geven de inloggegevens toegang toe?',
    'assessments.help.credentialsUnlock':
      'Inloggegevens tellen als de gegevens die ze ontsluiten. Leeg: klantdossiers (financieel niveau).',
    'assessments.field.subjectCategories': 'Wie zijn getroffen',
    'assessments.help.subjectCategories': 'Minderjarigen gelden altijd als kwetsbaar.',
    'assessments.field.subjectsCountMin': 'Aantal betrokkenen (minimaal)',
    'assessments.help.subjectsCountMin': 'De AP vraagt een minimum en maximum.',
    'assessments.field.subjectsCountMax': 'Aantal betrokkenen (maximaal)',
    'assessments.help.subjectsCountMax': 'Vanaf 1.000 weegt de omvang mee, vanaf 10.000 zwaarder.',
    'assessments.field.recordsCount': 'Aantal gegevensrecords (ongeveer)',
    'assessments.help.recordsCount': 'Eén record is ongeveer één regel over één persoon.',
    'assessments.field.vulnerableSubjects': 'Kwetsbare personen?',
    'assessments.help.vulnerableSubjects':
      'Bijvoorbeeld vluchtelingen, ouderen, zieken, mensen in een afhankelijke positie.',
    'assessments.field.dataLeftOrganisation': 'Zijn de gegevens buiten de organisatie gekomen?',
    'assessments.help.dataLeftOrganisation': 'Zijn ze bij iemand buiten de organisatie terechtgekomen?',
    'assessments.field.confidentialityScope': 'Verlies van vertrouwelijkheid',
    'assessments.help.confidentialityScope':
      'ENISA: geen aanwijzing 0, bekende beperkte ontvangers +0,25, onbekend aantal of openbaar +0,5. Onbekend: er wordt van het ergste uitgegaan.',
    'assessments.field.recipientTrusted': 'Ontvanger betrouwbaar en tot geheimhouding verplicht?',
    'assessments.help.recipientTrusted': 'Bijvoorbeeld een collega-instelling of zorgverlener.',
    'assessments.field.deletionConfirmed': 'Verwijdering bevestigd?',
    'assessments.help.deletionConfirmed': 'Heeft de ontvanger bevestigd dat de gegevens zijn verwijderd?',
    'assessments.field.dataRetrieved': 'Gegevens teruggehaald?',
    'assessments.help.dataRetrieved': 'Zijn de gegevens (of het apparaat) terug?',
    'assessments.field.malicious': 'Kwade opzet?',
    'assessments.help.malicious':
      'Diefstal, hacking, verkoop van gegevens: ENISA +0,5. Onbekend: er wordt van het ergste uitgegaan.',
    'assessments.field.recipientsCount': 'Aantal bekende ontvangers',
    'assessments.help.recipientsCount':
      'Hoeveel personen of organisaties de gegevens ten onrechte kregen. Alleen enkele bekende, vertrouwde ontvangers verlagen de suggestie; een verzendlijst nooit.',
    'assessments.field.exfiltrationRuledOut':
      'Malware of ransomware: is uit te sluiten dat gegevens zijn weggenomen?',
    'assessments.help.exfiltrationRuledOut':
      'Alleen bij malware of ransomware zonder bekende inzage. Niet uit te sluiten (of nog onbekend) betekent minstens risico.',
    'assessments.field.unintelligibility': 'Waren de gegevens onleesbaar gemaakt?',
    'assessments.help.unintelligibility':
      'Geldt voor alle soorten gegevens waarvoor hieronder niets apart is gekozen. Alleen sterke versleuteling of sterke hashing met een veilige sleutel maakt gegevens onleesbaar (art. 34 lid 3 sub a); pseudonimisering verlaagt alleen de identificeerbaarheid.',
    'assessments.group.perCategory': 'Per soort gegevens: beveiliging en aanpassing van de DPC',
    'assessments.field.protectionOf': 'Beveiliging: {category}',
    'assessments.help.protectionPerCategory':
      'Alleen als deze soort gegevens anders beveiligd was dan hierboven. De zwakst beveiligde gelekte gegevens bepalen de uitkomst.',
    'assessments.protectionGeneral': 'Zoals hierboven',
    'assessments.field.dpcAdjustmentOf': 'Aanpassing van de DPC: {category}',
    'assessments.help.dpcAdjustmentPerCategory':
      'Een aanpassing geldt alleen voor deze soort gegevens; de hoogste uitkomst telt. Geef de reden hierboven.',
    'assessments.field.integrityImpact': 'Verlies van integriteit',
    'assessments.help.integrityImpact':
      'ENISA: gewijzigd zonder misbruik 0, herstelbaar +0,25, niet herstelbaar +0,5.',
    'assessments.field.availabilityImpact': 'Verlies van beschikbaarheid',
    'assessments.help.availabilityImpact':
      'ENISA: zonder moeite herstelbaar 0, tijdelijk +0,25, blijvend +0,5.',
    'assessments.field.unavailableHours': 'Hoe lang niet beschikbaar (uren)',
    'assessments.help.unavailableHours': 'Langer dan 24 uur telt als meldenswaardig verlies.',
    'assessments.field.backupAvailable': 'Is er een back-up?',
    'assessments.help.backupAvailable': 'Kunnen de gegevens worden teruggezet?',
    'assessments.field.processesHalted': 'Zijn zorg- of uitkeringsprocessen stilgevallen?',
    'assessments.help.processesHalted':
      'Stilgevallen dienstverlening aan mensen maakt beschikbaarheidsverlies zwaarder.',
    'assessments.field.effectOnPeople': 'Merkten mensen er iets van?',
    'assessments.help.effectOnPeople':
      'Nee bij snel herstel uit back-up zonder gevolgen voor mensen: dan kan melden achterwege blijven.',
    'assessments.field.easeOfIdentification': 'Identificeerbaarheid (EI)',
    'assessments.help.easeOfIdentification':
      'Hoe makkelijk zijn de personen te herkennen? Verwaarloosbaar 0,25, beperkt 0,5, aanzienlijk 0,75, maximaal 1. Onbekend: er wordt van het ergste uitgegaan.',
    'assessments.field.dpcAdjustment': 'Aanpassing van de DPC (hele punten)',
    'assessments.help.dpcAdjustment':
      'Contextuele aanpassing volgens ENISA, bijvoorbeeld +2 als gewone gegevens iets over gezondheid of herkomst verraden. De DPC blijft tussen 1 en 4.',
    'assessments.field.dpcAdjustmentReason': 'Reden van de aanpassing',
    'assessments.help.dpcAdjustmentReason': 'Verplicht bij een aanpassing.',
    'assessments.field.consequences': 'Mogelijke gevolgen voor betrokkenen',
    'assessments.help.consequences': 'Zoals het AP-meldformulier ze noemt.',
    'assessments.field.riskLevel': 'Jouw besluit: risiconiveau',
    'assessments.help.riskLevel':
      'Geen risico: alleen registreren. Risico: melden bij de AP. Hoog risico: ook betrokkenen informeren.',
    'assessments.field.riskJustification': 'Motivering',
    'assessments.help.riskJustification': 'Verplicht als je afwijkt van de suggestie; komt in het register.',
    'assessments.field.art34Exception': 'Uitzondering art. 34 lid 3',
    'assessments.help.art34Exception':
      'Alleen bij hoog risico: waarom betrokkenen niet individueel worden geïnformeerd.',
    'assessments.field.art34ExceptionReason': 'Onderbouwing van de uitzondering',
    'assessments.help.art34ExceptionReason': 'Verplicht als je een uitzondering toepast.',
    'assessments.notKnown': 'Nog niet bekend',
    'assessments.choose': '— kies —',
    'assessments.noAdjustment': '0 (geen aanpassing)',
    'assessments.recompute': 'Opnieuw berekenen',
    'assessments.save': 'Besluit opslaan',
    'assessments.recomputeHint':
      '“Opnieuw berekenen” slaat niets op. “Besluit opslaan” legt een nieuwe versie vast.',
    'assessments.saved': 'Beoordeling opgeslagen als versie {version}.',
    'assessments.result': 'Uitkomst',
    'assessments.resultPreview': 'Berekend, nog niet opgeslagen.',
    'assessments.enisa': 'ENISA-ernst',
    'assessments.dpc': 'Gegevenscontext (DPC)',
    'assessments.ei': 'Identificeerbaarheid (EI)',
    'assessments.cb': 'Omstandigheden (CB)',
    'assessments.score': 'Score (DPC × EI + CB)',
    'assessments.band': 'Ernst',
    'assessments.scoreRange':
      'Afhankelijk van wat nog onbekend is ligt de score tussen {min} en {max}; getoond is het ergste geval.',
    'assessments.suggestion': 'Suggestie',
    'assessments.rules': 'Waarom deze suggestie',
    'assessments.effect.info': 'toelichting',
    'assessments.effect.set': 'basis',
    'assessments.effect.raise': 'ten minste',
    'assessments.effect.lower': 'lager voorgesteld',
    'assessments.duties': 'Plichten die hieruit volgen',
    'assessments.duty.yes': 'ja',
    'assessments.duty.no': 'nee',
    'assessments.deadline': 'uiterlijk {date}',
    'assessments.example': 'Vergelijkbaar EDPB-voorbeeld',
    'assessments.exampleNone': 'Geen EDPB-voorbeeld lijkt genoeg op dit geval.',
    'assessments.flags': 'Let op',
    'assessments.flag.notABreach':
      'Geen persoonsgegevens: geen datalek, registreren als beveiligingsincident.',
    'assessments.flag.unintelligible': 'De gegevens waren onleesbaar gemaakt.',
    'assessments.flag.largeNumber': 'Groot aantal betrokkenen.',
    'assessments.flag.vulnerableSubjects': 'Kwetsbare personen getroffen.',
    'assessments.flag.dataCategoriesUnknown':
      'Soorten gegevens nog (niet alle) bekend: de score rust op een aanname; vul ze aan zodra ze bekend zijn.',
    'assessments.flag.awarenessNoteRequired':
      'Meer dan 24 uur tussen ontdekken en vaststellen: licht dit toe.',
    'assessments.flag.justificationRequired':
      'Je besluit wijkt af van de suggestie: een motivering is verplicht.',
    'assessments.flag.reasonsRequired':
      'Niet melden of niet informeren: schriftelijke redenen zijn verplicht, ook als je de suggestie volgt.',
    'assessments.flag.art34ExceptionRefused':
      'De gekozen uitzondering van art. 34 lid 3 past niet bij de feiten; de plicht om betrokkenen te informeren blijft.',
    'assessments.history': 'Eerdere versies',
    'assessments.historyNone': 'Nog geen opgeslagen beoordeling.',
    'assessments.col.version': 'Versie',
    'assessments.col.when': 'Wanneer',
    'assessments.col.who': 'Door',
    'assessments.col.suggestion': 'Suggestie',
    'assessments.col.decision': 'Besluit',
    'assessments.col.reason': 'Motivering en uitzondering',
    'assessments.error.justificationRequired':
      'Je besluit wijkt af van de suggestie. Geef een schriftelijke motivering; er is niets opgeslagen.',
    'assessments.error.exceptionReasonRequired': 'Geef de onderbouwing van de uitzondering.',
    'assessments.error.awarenessBeforeDiscovery':
      'Het moment van vaststellen kan niet vóór de ontdekking liggen.',
    'assessments.warning.ambiguousTime':
      'Dit tijdstip komt twee keer voor door de overgang naar wintertijd. Gekozen: {date}. Klopt dat niet, kies dan het andere uur.',
    'assessments.assumptions':
      'De suggestie gaat uit van deze aannames; noem ze in je motivering en werk ze bij zodra de feiten bekend zijn:',
    'assessments.error.reasonsRequired':
      'Je besluit de AP niet te melden of de betrokkenen niet te informeren. Leg schriftelijk vast waarom, ook als je de suggestie volgt; er is niets opgeslagen.',
    'assessments.error.awarenessRequired':
      'Vul het moment van vaststellen in: daar loopt de termijn van de AP vanaf.',
    'assessments.error.awarenessNoteRequired':
      'Licht toe waarom er meer dan 24 uur zat tussen ontdekken en vaststellen.',
    'assessments.field.factsReason': 'Waarom wijken de feiten af?',
    'assessments.help.factsReason':
      'Wijzig je hier feiten die eerder met een reden zijn gecorrigeerd, leg dan uit waarom. De toelichting staat bij de feiten in het dossier en het register.',
    'assessments.error.factsReasonRequired':
      'Je wijzigt feiten die eerder met een reden zijn gecorrigeerd. Leg uit waarom.',
    'assessments.error.riskLevelRequired': 'Kies een risiconiveau.',
    'assessments.error.dpcAdjustmentReason': 'Geef een reden voor de aanpassing van de DPC.',
    'assessments.error.countRange': 'Het minimum mag niet groter zijn dan het maximum.',
    'assessments.error.closed': 'Dit incident kan niet (meer) worden beoordeeld.',
  },
  {
    'assessments.title': 'Assessment',
    'assessments.intro':
      'Check the facts from the report, change what is needed and recompute. You decide; the calculation is an aid.',
    'assessments.incident': 'Incident {reference}',
    'assessments.status': 'Status',
    'assessments.summary': 'What happened (report)',
    'assessments.group.what': 'What happened',
    'assessments.group.when': 'When',
    'assessments.group.data': 'Which data, whose',
    'assessments.group.confidentiality': 'Confidentiality and recipients',
    'assessments.group.integrityAvailability': 'Integrity and availability',
    'assessments.group.enisa': 'ENISA assessment and consequences',
    'assessments.group.decision': 'Decision',
    'assessments.field.incidentCause': 'Cause',
    'assessments.help.incidentCause':
      'Pick the cause that fits best; it helps find the similar EDPB example.',
    'assessments.field.incidentNature': 'Nature of the incident',
    'assessments.help.incidentNature': 'What happened to the data? Several answers possible (AP form).',
    'assessments.field.breachTypes': 'Type of breach',
    'assessments.help.breachTypes':
      'Confidentiality (seen or disclosed), integrity (altered), availability (lost or unreachable).',
    'assessments.field.discoveryChannel': 'How it was discovered',
    'assessments.help.discoveryChannel': 'How the incident came to light.',
    'assessments.field.discoveredAt': 'Discovered at',
    'assessments.help.discoveredAt': 'The first signal, in Amsterdam time.',
    'assessments.field.awarenessAt': 'Established at (awareness)',
    'assessments.help.awarenessAt':
      'When it was reasonably certain that personal data were affected. The AP’s 72 hours run from here, nights and weekends included.',
    'assessments.field.awarenessNote': 'Note on the moment of awareness',
    'assessments.help.awarenessNote':
      'Required when more than 24 hours passed between discovery and awareness.',
    'assessments.field.personalDataInvolved': 'Were personal data affected?',
    'assessments.help.personalDataInvolved':
      'No: then it is not a data breach but a security incident (still recorded).',
    'assessments.field.dataCategories': 'Kinds of data',
    'assessments.help.dataCategories':
      'The most serious kind sets the ENISA base score (DPC): simple 1, behavioural 2, financial/BSN/ID 3, sensitive 4.',
    'assessments.field.credentialsUnlock': 'What do the credentials give access to?',
    'assessments.help.credentialsUnlock':
      'Credentials count as the data they unlock. Empty: client files (financial level).',
    'assessments.field.subjectCategories': 'Who is affected',
    'assessments.help.subjectCategories': 'Minors always count as vulnerable.',
    'assessments.field.subjectsCountMin': 'Number of affected persons (minimum)',
    'assessments.help.subjectsCountMin': 'The AP asks for a minimum and a maximum.',
    'assessments.field.subjectsCountMax': 'Number of affected persons (maximum)',
    'assessments.help.subjectsCountMax': 'From 1,000 the scale counts, from 10,000 more so.',
    'assessments.field.recordsCount': 'Number of data records (approximately)',
    'assessments.help.recordsCount': 'One record is roughly one row about one person.',
    'assessments.field.vulnerableSubjects': 'Vulnerable persons?',
    'assessments.help.vulnerableSubjects':
      'For example refugees, the elderly, patients, people in a dependent position.',
    'assessments.field.dataLeftOrganisation': 'Did the data leave the organisation?',
    'assessments.help.dataLeftOrganisation': 'Did they reach anyone outside the organisation?',
    'assessments.field.confidentialityScope': 'Loss of confidentiality',
    'assessments.help.confidentialityScope':
      'ENISA: no evidence 0, known limited recipients +0.25, unknown number or public +0.5. Unknown: the worst case is assumed.',
    'assessments.field.recipientTrusted': 'Recipient trusted and bound by secrecy?',
    'assessments.help.recipientTrusted': 'For example a partner organisation or a care provider.',
    'assessments.field.deletionConfirmed': 'Deletion confirmed?',
    'assessments.help.deletionConfirmed': 'Did the recipient confirm the data were deleted?',
    'assessments.field.dataRetrieved': 'Data retrieved?',
    'assessments.help.dataRetrieved': 'Are the data (or the device) back?',
    'assessments.field.malicious': 'Malicious intent?',
    'assessments.help.malicious':
      'Theft, hacking, selling data: ENISA +0.5. Unknown: the worst case is assumed.',
    'assessments.field.recipientsCount': 'Number of known recipients',
    'assessments.help.recipientsCount':
      'How many persons or organisations wrongly received the data. Only a few known, trusted recipients lower the suggestion; a distribution list never does.',
    'assessments.field.exfiltrationRuledOut': 'Malware or ransomware: can exfiltration of data be ruled out?',
    'assessments.help.exfiltrationRuledOut':
      'Only for malware or ransomware without known access. Not ruled out (or not yet known) means at least risk.',
    'assessments.field.unintelligibility': 'Were the data made unintelligible?',
    'assessments.help.unintelligibility':
      'Applies to every kind of data without its own choice below. Only strong encryption or strong hashing with a safe key makes data unintelligible (Art. 34(3)(a)); pseudonymisation only lowers the ease of identification.',
    'assessments.group.perCategory': 'Per kind of data: protection and DPC adjustment',
    'assessments.field.protectionOf': 'Protection: {category}',
    'assessments.help.protectionPerCategory':
      'Only when this kind of data was protected differently from the general answer. The weakest protected exposed data decide.',
    'assessments.protectionGeneral': 'As above',
    'assessments.field.dpcAdjustmentOf': 'DPC adjustment: {category}',
    'assessments.help.dpcAdjustmentPerCategory':
      'An adjustment applies to this kind of data only; the highest result counts. Give the reason above.',
    'assessments.field.integrityImpact': 'Loss of integrity',
    'assessments.help.integrityImpact':
      'ENISA: altered without misuse 0, recoverable +0.25, not recoverable +0.5.',
    'assessments.field.availabilityImpact': 'Loss of availability',
    'assessments.help.availabilityImpact':
      'ENISA: recoverable without difficulty 0, temporary +0.25, permanent +0.5.',
    'assessments.field.unavailableHours': 'How long unavailable (hours)',
    'assessments.help.unavailableHours': 'More than 24 hours counts as a notifiable loss.',
    'assessments.field.backupAvailable': 'Is there a backup?',
    'assessments.help.backupAvailable': 'Can the data be restored?',
    'assessments.field.processesHalted': 'Were care or benefit processes halted?',
    'assessments.help.processesHalted':
      'Services to people that stopped make an availability loss more serious.',
    'assessments.field.effectOnPeople': 'Did people notice any effect?',
    'assessments.help.effectOnPeople':
      'No, after a quick restore from backup without effect on people: notifying may not be needed.',
    'assessments.field.easeOfIdentification': 'Ease of identification (EI)',
    'assessments.help.easeOfIdentification':
      'How easily can the persons be identified? Negligible 0.25, limited 0.5, significant 0.75, maximum 1. Unknown: the worst case is assumed.',
    'assessments.field.dpcAdjustment': 'DPC adjustment (whole points)',
    'assessments.help.dpcAdjustment':
      'Context adjustment per ENISA, e.g. +2 when simple data reveal something about health or origin. The DPC stays between 1 and 4.',
    'assessments.field.dpcAdjustmentReason': 'Reason for the adjustment',
    'assessments.help.dpcAdjustmentReason': 'Required with an adjustment.',
    'assessments.field.consequences': 'Likely consequences for affected persons',
    'assessments.help.consequences': 'As the AP form names them.',
    'assessments.field.riskLevel': 'Your decision: risk level',
    'assessments.help.riskLevel':
      'No risk: record only. Risk: notify the AP. High risk: also inform the affected persons.',
    'assessments.field.riskJustification': 'Justification',
    'assessments.help.riskJustification':
      'Required when you deviate from the suggestion; goes into the register.',
    'assessments.field.art34Exception': 'Art. 34(3) exception',
    'assessments.help.art34Exception':
      'Only with high risk: why affected persons are not informed individually.',
    'assessments.field.art34ExceptionReason': 'Grounds for the exception',
    'assessments.help.art34ExceptionReason': 'Required when you apply an exception.',
    'assessments.notKnown': 'Not yet known',
    'assessments.choose': '— choose —',
    'assessments.noAdjustment': '0 (no adjustment)',
    'assessments.recompute': 'Recompute',
    'assessments.save': 'Save decision',
    'assessments.recomputeHint': '“Recompute” saves nothing. “Save decision” records a new version.',
    'assessments.saved': 'Assessment saved as version {version}.',
    'assessments.result': 'Result',
    'assessments.resultPreview': 'Computed, not saved yet.',
    'assessments.enisa': 'ENISA severity',
    'assessments.dpc': 'Data processing context (DPC)',
    'assessments.ei': 'Ease of identification (EI)',
    'assessments.cb': 'Circumstances (CB)',
    'assessments.score': 'Score (DPC × EI + CB)',
    'assessments.band': 'Severity',
    'assessments.scoreRange':
      'Depending on what is still unknown the score lies between {min} and {max}; the worst case is shown.',
    'assessments.suggestion': 'Suggestion',
    'assessments.rules': 'Why this suggestion',
    'assessments.effect.info': 'note',
    'assessments.effect.set': 'base',
    'assessments.effect.raise': 'at least',
    'assessments.effect.lower': 'suggested lower',
    'assessments.duties': 'Duties that follow',
    'assessments.duty.yes': 'yes',
    'assessments.duty.no': 'no',
    'assessments.deadline': 'by {date}',
    'assessments.example': 'Similar EDPB example',
    'assessments.exampleNone': 'No EDPB example resembles this case closely enough.',
    'assessments.flags': 'Please note',
    'assessments.flag.notABreach': 'No personal data: not a data breach; record it as a security incident.',
    'assessments.flag.unintelligible': 'The data were made unintelligible.',
    'assessments.flag.largeNumber': 'Large number of affected persons.',
    'assessments.flag.vulnerableSubjects': 'Vulnerable persons affected.',
    'assessments.flag.dataCategoriesUnknown':
      'Kinds of data not (all) known yet: the score rests on an assumption; fill them in once known.',
    'assessments.flag.awarenessNoteRequired':
      'More than 24 hours between discovery and awareness: explain why.',
    'assessments.flag.justificationRequired':
      'Your decision deviates from the suggestion: a justification is required.',
    'assessments.flag.reasonsRequired':
      'Not notifying or not informing: written reasons are required, also when following the suggestion.',
    'assessments.flag.art34ExceptionRefused':
      'The chosen Art. 34(3) exception does not fit the facts; the duty to inform the persons stands.',
    'assessments.history': 'Earlier versions',
    'assessments.historyNone': 'No assessment saved yet.',
    'assessments.col.version': 'Version',
    'assessments.col.when': 'When',
    'assessments.col.who': 'By',
    'assessments.col.suggestion': 'Suggestion',
    'assessments.col.decision': 'Decision',
    'assessments.col.reason': 'Justification and exception',
    'assessments.error.justificationRequired':
      'Your decision deviates from the suggestion. Give a written justification; nothing has been saved.',
    'assessments.error.exceptionReasonRequired': 'Give the grounds for the exception.',
    'assessments.error.awarenessBeforeDiscovery': 'Awareness cannot be before discovery.',
    'assessments.warning.ambiguousTime':
      'This time occurs twice because of the change to winter time. Taken: {date}. If that is wrong, choose the other hour.',
    'assessments.assumptions':
      'The suggestion rests on these assumptions; name them in your justification and update them once the facts are known:',
    'assessments.error.reasonsRequired':
      'You decide not to notify the AP or not to inform the persons. Record why in writing, also when following the suggestion; nothing has been saved.',
    'assessments.error.awarenessRequired': 'Fill in the moment of awareness: the AP deadline runs from it.',
    'assessments.error.awarenessNoteRequired':
      'Explain why more than 24 hours passed between discovery and awareness.',
    'assessments.field.factsReason': 'Why do the facts differ?',
    'assessments.help.factsReason':
      'If you change facts here that were corrected earlier with a reason, explain why. The explanation is shown with the facts in the dossier and the register.',
    'assessments.error.factsReasonRequired':
      'You are changing facts that were corrected earlier with a reason. Explain why.',
    'assessments.error.riskLevelRequired': 'Choose a risk level.',
    'assessments.error.dpcAdjustmentReason': 'Give a reason for the DPC adjustment.',
    'assessments.error.countRange': 'The minimum must not be greater than the maximum.',
    'assessments.error.closed': 'This incident cannot be assessed (any more).',
  },
);
