// First drafts of a run's texts, from the incident and its latest assessment (domain.md §4: the
// EDPB asks for concrete advice on how people can protect themselves). The privacy officer rewrites
// them in plain language; nothing here is sent without being read and approved.
import type { Consequence, DataCategory } from '../assessments/assessment.enums.js';
import { CONSEQUENCE_LABELS, DATA_CATEGORY_LABELS } from '../assessments/assessment.labels.js';
import type { LangTexts } from './run-content.js';

type Two = { nl: string; en: string };

/** Concrete advice per likely consequence (EDPB: change passwords, watch for phishing, check statements). */
export const ADVICE: Partial<Record<Consequence, Two>> = {
  phishing_spam: {
    nl: 'Wees extra alert op e-mails, sms-berichten en telefoontjes die u niet verwacht, ook als ze van ons lijken te komen. Klik niet op links en geef nooit uw wachtwoord of bankgegevens.',
    en: 'Be extra careful with e-mails, text messages and phone calls you do not expect, even if they seem to come from us. Do not click on links and never give your password or bank details.',
  },
  identity_fraud: {
    nl: 'Controleer of er geen dingen op uw naam worden gedaan die u niet kent, zoals aanvragen of abonnementen. Vermoedt u misbruik van uw identiteit? Neem contact op met het Centraal Meldpunt Identiteitsfraude (www.rijksoverheid.nl/identiteitsfraude).',
    en: 'Check that nothing is done in your name that you do not recognise, such as applications or subscriptions. If you suspect that your identity is being misused, contact the Dutch Central Identity Fraud Desk (Centraal Meldpunt Identiteitsfraude, www.rijksoverheid.nl/identiteitsfraude).',
  },
  financial_loss: {
    nl: 'Controleer de komende maanden uw bankafschriften. Ziet u iets vreemds? Neem dan direct contact op met uw bank.',
    en: 'Check your bank statements over the coming months. If you see anything unusual, contact your bank straight away.',
  },
  loss_of_control: {
    nl: 'Heeft u voor onze diensten een wachtwoord gebruikt dat u ook elders gebruikt? Verander het dan overal.',
    en: 'If you used a password for our services that you also use elsewhere, change it everywhere.',
  },
  physical_safety: {
    nl: 'Maakt u zich zorgen over uw veiligheid? Neem dan contact met ons op, dan bespreken wij samen wat nodig is.',
    en: 'If you are worried about your safety, please contact us so that we can discuss together what is needed.',
  },
};

const GENERAL_ADVICE: Two = {
  nl: 'Wees alert op berichten die u niet verwacht. Twijfelt u of een bericht van ons komt? Neem dan zelf contact met ons op via de gegevens hieronder.',
  en: 'Be alert to messages you do not expect. If you are not sure whether a message comes from us, contact us yourself using the details below.',
};

function listOf<K extends string>(keys: readonly K[], labels: Record<K, Two>, lang: 'nl' | 'en'): string {
  return keys.map((k) => labels[k][lang]).join(', ');
}

/** Draft texts in Dutch and English for a new run. */
export function defaultTexts(
  incident: { summary: string; measuresTaken?: string | null; dataCategories: readonly string[] },
  consequences: readonly string[],
): LangTexts[] {
  const cats = incident.dataCategories.filter((c): c is DataCategory => c in DATA_CATEGORY_LABELS && c !== 'unknown');
  const cons = consequences.filter((c): c is Consequence => c in CONSEQUENCE_LABELS && c !== 'other');
  return (['nl', 'en'] as const).map((lang) => {
    const advice = cons.flatMap((c) => (ADVICE[c] ? [ADVICE[c][lang]] : []));
    return {
      lang,
      // The incident's own words are internal and Dutch: a starting point for the Dutch text only.
      whatHappened: lang === 'nl' ? incident.summary : '',
      dataConcerned: cats.length ? (lang === 'nl' ? `Het gaat om: ${listOf(cats, DATA_CATEGORY_LABELS, lang)}.` : `This concerns: ${listOf(cats, DATA_CATEGORY_LABELS, lang)}.`) : '',
      consequences: cons.length ? (lang === 'nl' ? `Mogelijke gevolgen voor u: ${listOf(cons, CONSEQUENCE_LABELS, lang)}.` : `Possible consequences for you: ${listOf(cons, CONSEQUENCE_LABELS, lang)}.`) : '',
      measures: lang === 'nl' ? (incident.measuresTaken ?? '') : '',
      advice: [...advice, GENERAL_ADVICE[lang]].join('\n\n'),
    };
  });
}
