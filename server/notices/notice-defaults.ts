// First drafts of a run's texts (issue 12, problem 5; domain.md §4: the EDPB asks for concrete
// advice on how people can protect themselves). They are neutral templates, never the reporter's
// own words (internal, and they may name people): plain-language lists of the data and the likely
// consequences from the assessment, advice per consequence, and "[[…]]" parts the privacy officer
// writes. A text with a placeholder left is not complete, so it cannot be approved or sent.
import type { Consequence, DataCategory } from '../../models/vocabulary/assessment.enums.js';
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

/**
 * The data categories in words an affected person understands (the assessment's labels are the
 * officer's jargon: "NAW-gegevens", "BSN (of buitenlands equivalent)").
 */
export const PLAIN_DATA: Record<DataCategory, Two> = {
  name_address: { nl: 'uw naam en adres', en: 'your name and address' },
  phone: { nl: 'uw telefoonnummer', en: 'your phone number' },
  email: { nl: 'uw e-mailadres', en: 'your e-mail address' },
  demographic: { nl: 'uw geboortedatum, leeftijd of geslacht', en: 'your date of birth, age or gender' },
  access_credentials: { nl: 'uw inloggegevens', en: 'your login details' },
  financial: {
    nl: 'financiële gegevens, zoals uw rekeningnummer of inkomen',
    en: 'financial details, such as your account number or income',
  },
  national_id: { nl: 'uw burgerservicenummer', en: 'your citizen service number (BSN)' },
  id_document: {
    nl: 'een kopie of het nummer van uw paspoort of identiteitskaart',
    en: 'a copy or the number of your passport or identity card',
  },
  nationality_residence: {
    nl: 'uw nationaliteit of verblijfsstatus',
    en: 'your nationality or residence status',
  },
  employment: { nl: 'gegevens over uw werk', en: 'details about your work' },
  education: { nl: 'gegevens over uw opleiding', en: 'details about your education' },
  contract_or_service: { nl: 'gegevens uit uw dossier bij ons', en: 'details from your file with us' },
  location: { nl: 'gegevens over waar u bent geweest', en: 'details of where you have been' },
  communication_metadata: {
    nl: 'gegevens over met wie en wanneer u contact had',
    en: 'details of whom you were in contact with and when',
  },
  other_basic: { nl: 'andere gewone gegevens', en: 'other ordinary details' },
  health: { nl: 'gegevens over uw gezondheid', en: 'details about your health' },
  criminal: { nl: 'gegevens over strafzaken', en: 'details about criminal matters' },
  religion_belief: { nl: 'uw geloof of levensovertuiging', en: 'your religion or beliefs' },
  racial_ethnic_origin: { nl: 'uw afkomst', en: 'your ethnic origin' },
  political_opinion: { nl: 'uw politieke voorkeur', en: 'your political views' },
  sex_life_orientation: {
    nl: 'gegevens over uw seksuele leven of voorkeur',
    en: 'details about your sex life or orientation',
  },
  trade_union: { nl: 'uw lidmaatschap van een vakbond', en: 'your trade-union membership' },
  biometric: {
    nl: 'biometrische gegevens, zoals een vingerafdruk of gezichtsfoto',
    en: 'biometric data, such as a fingerprint or facial image',
  },
  genetic: { nl: 'erfelijke (genetische) gegevens', en: 'hereditary (genetic) data' },
  unknown: { nl: '', en: '' },
};

const PLAIN_CONSEQUENCES: Record<Consequence, Two> = {
  stigmatisation_exclusion: {
    nl: 'dat anderen u anders gaan behandelen',
    en: 'that others treat you differently',
  },
  health_damage: { nl: 'schade aan uw gezondheid', en: 'harm to your health' },
  identity_fraud: { nl: 'dat iemand zich voordoet als u', en: 'that someone pretends to be you' },
  phishing_spam: {
    nl: 'nepberichten die van ons of een ander lijken te komen',
    en: 'fake messages that seem to come from us or someone else',
  },
  financial_loss: { nl: 'dat u geld verliest', en: 'that you lose money' },
  reputational_damage: { nl: 'schade aan uw goede naam', en: 'harm to your reputation' },
  discrimination: { nl: 'discriminatie', en: 'discrimination' },
  loss_of_control: {
    nl: 'dat u niet meer weet wie uw gegevens heeft',
    en: 'that you no longer know who has your details',
  },
  limitation_of_rights: {
    nl: 'dat u minder goed gebruik kunt maken van uw rechten',
    en: 'that it becomes harder to use your rights',
  },
  loss_professional_secrecy: {
    nl: 'dat vertrouwelijke informatie uit uw dossier bekend wordt',
    en: 'that confidential information from your file becomes known',
  },
  physical_safety: { nl: 'gevaar voor uw veiligheid', en: 'danger to your safety' },
  loss_of_service: {
    nl: 'dat onze dienstverlening aan u tijdelijk niet werkt',
    en: 'that our services to you are temporarily unavailable',
  },
  reversal_pseudonymisation: {
    nl: 'dat iemand kan achterhalen dat bepaalde gegevens over u gaan',
    en: 'that someone can find out that certain details are about you',
  },
  identity_theft: {
    nl: 'dat iemand uw identiteit steelt en op uw naam handelt',
    en: 'that someone steals your identity and acts in your name',
  },
  economic_social_disadvantage: {
    nl: 'ernstig nadeel voor uw geldzaken, werk of positie',
    en: 'serious harm to your finances, work or position',
  },
  other: { nl: '', en: '' },
};

const CHECK_LIST: Two = {
  nl: '[[Controleer deze opsomming en vul haar aan; haal daarna deze zin weg.]]',
  en: '[[Check this list and complete it; then remove this sentence.]]',
};

const DAY_LOCALE = { nl: 'nl-NL', en: 'en-GB' } as const;

function listOf<K extends string>(keys: readonly K[], labels: Record<K, Two>, lang: 'nl' | 'en'): string {
  const words = keys.map((k) => labels[k][lang]);
  const last = words.pop() ?? '';
  return words.length ? `${words.join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${last}` : last;
}

/** Draft texts in Dutch and English for a new run: neutral templates with placeholders to write. */
export function defaultTexts(
  incident: { discoveredAt: Date; dataCategories: readonly string[] },
  consequences: readonly string[],
): LangTexts[] {
  const cats = incident.dataCategories.filter((c): c is DataCategory => c in PLAIN_DATA && c !== 'unknown');
  const cons = consequences.filter((c): c is Consequence => c in PLAIN_CONSEQUENCES && c !== 'other');
  return (['nl', 'en'] as const).map((lang) => {
    const advice = cons.flatMap((c) => (ADVICE[c] ? [ADVICE[c][lang]] : []));
    const day = new Intl.DateTimeFormat(DAY_LOCALE[lang], {
      dateStyle: 'long',
      timeZone: 'Europe/Amsterdam',
    }).format(incident.discoveredAt);
    return {
      lang,
      whatHappened:
        lang === 'nl'
          ? `Op ${day} hebben wij ontdekt dat er iets mis is gegaan met uw gegevens. [[Beschrijf in eenvoudige woorden wat er is gebeurd, zonder namen of andere gegevens van personen.]]`
          : `On ${day} we found out that something went wrong with your personal data. [[Describe in plain words what happened, without names or other details of people.]]`,
      dataConcerned: cats.length
        ? `${lang === 'nl' ? 'Het gaat om' : 'This concerns'} ${listOf(cats, PLAIN_DATA, lang)}. ${CHECK_LIST[lang]}`
        : lang === 'nl'
          ? '[[Schrijf in gewone woorden om welke gegevens van de lezer het gaat.]]'
          : '[[Write in plain words which of the reader’s details are concerned.]]',
      consequences: cons.length
        ? `${lang === 'nl' ? 'Mogelijke gevolgen voor u' : 'Possible consequences for you'}: ${listOf(cons, PLAIN_CONSEQUENCES, lang)}. ${CHECK_LIST[lang]}`
        : lang === 'nl'
          ? '[[Schrijf welke gevolgen dit voor de lezer kan hebben.]]'
          : '[[Write what this may mean for the reader.]]',
      measures:
        lang === 'nl'
          ? '[[Beschrijf wat wij hebben gedaan om het lek te stoppen en de gevolgen te beperken.]]'
          : '[[Describe what we have done to stop the breach and limit its consequences.]]',
      advice: [...advice, GENERAL_ADVICE[lang]].join('\n\n'),
    };
  });
}
