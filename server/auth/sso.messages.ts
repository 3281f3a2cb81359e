// Texts of single sign-on and the second factor (issue 16), Dutch first, English complete.
import { defineMessages } from '../i18n/define-messages.js';

export const ssoMessages = defineMessages(
  {
    'sso.button': 'Inloggen via {provider}',
    'sso.defaultProvider': 'uw organisatie',
    'sso.or': 'of met uw e-mailadres en wachtwoord',
    'sso.localDisabled': 'Inloggen met een wachtwoord staat uit. Log in via uw organisatie.',
    'sso.refused.title': 'Inloggen niet gelukt',
    'sso.refused.no-role':
      'U bent bij uw organisatie aangemeld, maar u hebt geen toegang tot Meldpunt: geen van uw groepen geeft een rol. Vraag de beheerder van Meldpunt of uw IT-afdeling om u aan de juiste groep toe te voegen.',
    'sso.refused.inactive':
      'Uw account in Meldpunt is gedeactiveerd. Neem contact op met de beheerder van Meldpunt.',
    'sso.refused.no-email':
      'Uw organisatie gaf geen e-mailadres door. Zonder e-mailadres kan Meldpunt geen account voor u aanmaken. Neem contact op met uw IT-afdeling.',
    'sso.refused.email-taken':
      'Er bestaat al een account met uw e-mailadres dat bij een andere aanmelding hoort. Neem contact op met de beheerder van Meldpunt.',
    'sso.refused.expired': 'Het inloggen duurde te lang. Begin opnieuw.',
    'sso.refused.no-login':
      'Deze inlogpoging is niet (meer) bekend, bijvoorbeeld omdat u de pagina opnieuw hebt geladen. Begin opnieuw.',
    'sso.refused.provider':
      'Uw organisatie heeft het inloggen afgebroken of geweigerd. Begin opnieuw, of neem contact op met uw IT-afdeling.',
    'sso.refused.invalid': 'Het antwoord van uw organisatie kon niet worden gecontroleerd. Begin opnieuw.',
    'sso.refused.unavailable':
      'Uw organisatie is nu niet bereikbaar om in te loggen. Probeer het over een paar minuten opnieuw.',
    'sso.tryAgain': 'Opnieuw inloggen',
    'sso.sessionExpired': 'Uw sessie is verlopen. Log opnieuw in.',
    'mfa.title': 'Tweede stap: code',
    'mfa.intro':
      'Open de verificatie-app op uw telefoon en vul de code van zes cijfers in voor Meldpunt. Telefoon kwijt? Vul dan een van uw herstelcodes in.',
    'mfa.code': 'Code (of herstelcode)',
    'mfa.submit': 'Controleren',
    'mfa.wrong': 'Deze code klopt niet. Probeer het opnieuw met de code die de app nu toont.',
    'mfa.replayed': 'Deze code is al gebruikt. Wacht op de volgende code in de app.',
    'mfa.tooMany': 'Te veel onjuiste codes. Log opnieuw in met uw wachtwoord.',
    'mfa.loginExpired': 'De tweede stap duurde te lang. Log opnieuw in.',
    'mfa.locked': 'Te veel onjuiste codes voor dit account. Probeer het over {minutes} minuten opnieuw.',
    'mfa.enrol.title': 'Tweede stap instellen',
    'mfa.enrol.required':
      'Met uw rol is een tweede stap bij het inloggen verplicht. Stel die nu in; daarna bent u ingelogd.',
    'mfa.enrol.optional':
      'Een tweede stap maakt uw account veiliger: naast uw wachtwoord is dan ook een code van uw telefoon nodig.',
    'mfa.enrol.step1':
      'Installeer een verificatie-app op uw telefoon, bijvoorbeeld de app van uw organisatie, FreeOTP of Aegis.',
    'mfa.enrol.step2': 'Voeg in de app een account toe en typ deze sleutel over (of plak de link hieronder):',
    'mfa.enrol.secret': 'Sleutel',
    'mfa.enrol.uri': 'Link voor de app',
    'mfa.enrol.step3': 'Vul de code van zes cijfers in die de app nu toont.',
    'mfa.enrol.code': 'Code uit de app',
    'mfa.enrol.submit': 'Instellen',
    'mfa.enrol.wrong':
      'Deze code klopt niet. Controleer de sleutel in de app en vul de code in die de app nu toont.',
    'mfa.recovery.title': 'Uw herstelcodes',
    'mfa.recovery.intro':
      'De tweede stap is ingesteld. Bewaar deze herstelcodes op een veilige plek, bijvoorbeeld in uw wachtwoordkluis. Met elke code kunt u één keer inloggen als u uw telefoon niet bij de hand hebt. U ziet ze maar één keer.',
    'mfa.recovery.continue': 'Ik heb de codes bewaard, verder',
    'mfa.account.title': 'Tweede stap bij inloggen',
    'mfa.account.on': 'De tweede stap staat aan. Herstelcodes over: {left}.',
    'mfa.account.off': 'De tweede stap staat uit.',
    'mfa.account.sso': 'U logt in via uw organisatie; de tweede stap regelt uw organisatie.',
    'mfa.account.setUp': 'Tweede stap instellen',
    'mfa.account.renew': 'Opnieuw instellen (nieuwe sleutel en herstelcodes)',
    'mfa.reset': 'Tweede stap wissen',
    'mfa.resetDone':
      'De tweede stap van deze gebruiker is gewist. Bij de volgende keer inloggen stelt de gebruiker een nieuwe in.',
    'mfa.status': 'Tweede stap',
    'mfa.statusOn': 'Ingesteld',
    'mfa.statusOff': 'Niet ingesteld',
    'mfa.statusSso': 'Via organisatie',
  },
  {
    'sso.button': 'Sign in with {provider}',
    'sso.defaultProvider': 'your organisation',
    'sso.or': 'or with your e-mail address and password',
    'sso.localDisabled': 'Signing in with a password is switched off. Sign in with your organisation.',
    'sso.refused.title': 'Sign-in failed',
    'sso.refused.no-role':
      'You are signed in at your organisation, but you have no access to Meldpunt: none of your groups gives a role. Ask the Meldpunt administrator or your IT department to add you to the right group.',
    'sso.refused.inactive': 'Your Meldpunt account is deactivated. Contact the Meldpunt administrator.',
    'sso.refused.no-email':
      'Your organisation sent no e-mail address. Without one, Meldpunt cannot create an account for you. Contact your IT department.',
    'sso.refused.email-taken':
      'An account with your e-mail address already exists and belongs to another sign-in. Contact the Meldpunt administrator.',
    'sso.refused.expired': 'Signing in took too long. Please start again.',
    'sso.refused.no-login':
      'This sign-in attempt is not known (any more), for example because the page was reloaded. Please start again.',
    'sso.refused.provider':
      'Your organisation cancelled or refused the sign-in. Start again, or contact your IT department.',
    'sso.refused.invalid': 'The answer from your organisation could not be verified. Please start again.',
    'sso.refused.unavailable':
      'Your organisation cannot be reached to sign in right now. Try again in a few minutes.',
    'sso.tryAgain': 'Sign in again',
    'sso.sessionExpired': 'Your session has expired. Please sign in again.',
    'mfa.title': 'Second step: code',
    'mfa.intro':
      'Open the authenticator app on your phone and enter the six-digit code for Meldpunt. Lost your phone? Enter one of your recovery codes instead.',
    'mfa.code': 'Code (or recovery code)',
    'mfa.submit': 'Verify',
    'mfa.wrong': 'This code is not right. Try again with the code the app shows now.',
    'mfa.replayed': 'This code has already been used. Wait for the next code in the app.',
    'mfa.tooMany': 'Too many wrong codes. Sign in again with your password.',
    'mfa.loginExpired': 'The second step took too long. Please sign in again.',
    'mfa.locked': 'Too many wrong codes for this account. Try again in {minutes} minutes.',
    'mfa.enrol.title': 'Set up a second step',
    'mfa.enrol.required':
      'Your role requires a second step when signing in. Set it up now; you are signed in afterwards.',
    'mfa.enrol.optional':
      'A second step makes your account safer: besides your password, a code from your phone is needed.',
    'mfa.enrol.step1':
      'Install an authenticator app on your phone, for example your organisation’s app, FreeOTP or Aegis.',
    'mfa.enrol.step2': 'Add an account in the app and type in this key (or paste the link below):',
    'mfa.enrol.secret': 'Key',
    'mfa.enrol.uri': 'Link for the app',
    'mfa.enrol.step3': 'Enter the six-digit code the app shows now.',
    'mfa.enrol.code': 'Code from the app',
    'mfa.enrol.submit': 'Set up',
    'mfa.enrol.wrong': 'This code is not right. Check the key in the app and enter the code it shows now.',
    'mfa.recovery.title': 'Your recovery codes',
    'mfa.recovery.intro':
      'The second step is set up. Keep these recovery codes somewhere safe, for example in your password manager. Each code signs you in once when you do not have your phone at hand. They are shown only once.',
    'mfa.recovery.continue': 'I have saved the codes, continue',
    'mfa.account.title': 'Second step when signing in',
    'mfa.account.on': 'The second step is on. Recovery codes left: {left}.',
    'mfa.account.off': 'The second step is off.',
    'mfa.account.sso': 'You sign in with your organisation; your organisation handles the second step.',
    'mfa.account.setUp': 'Set up a second step',
    'mfa.account.renew': 'Set up again (new key and recovery codes)',
    'mfa.reset': 'Clear second step',
    'mfa.resetDone': 'This user’s second step is cleared. At their next sign-in they set up a new one.',
    'mfa.status': 'Second step',
    'mfa.statusOn': 'Set up',
    'mfa.statusOff': 'Not set up',
    'mfa.statusSso': 'Through organisation',
  },
);
