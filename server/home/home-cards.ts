// The shortcuts on each role's home page; features add their own.
import type { Role } from '../../models/user.model.js';

export interface HomeCard {
  href: string;
  titleKey: string;
  textKey: string;
  roles: Role[];
}

export const HOME_CARDS: HomeCard[] = [
  { href: '/admin/users', titleKey: 'nav.users', textKey: 'home.admin', roles: ['admin'] },
  {
    href: '/dashboard',
    titleKey: 'nav.dashboard',
    textKey: 'dashboard.cardText',
    roles: ['privacy_officer'],
  },
  {
    href: '/authority',
    titleKey: 'nav.authority',
    textKey: 'authority.card.text',
    roles: ['privacy_officer'],
  },
  { href: '/ministry', titleKey: 'nav.ministry', textKey: 'ministry.card.text', roles: ['ministry_liaison'] },
  { href: '/insights', titleKey: 'insights.nav', textKey: 'insights.card', roles: ['management'] },
  {
    href: '/reports/new',
    titleKey: 'incidents.nav.new',
    textKey: 'incidents.card.new',
    roles: ['reporter', 'admin'],
  },
  {
    href: '/reports',
    titleKey: 'incidents.nav.mine',
    textKey: 'incidents.card.mine',
    roles: ['reporter', 'admin'],
  },
  { href: '/register', titleKey: 'register.nav', textKey: 'register.card', roles: ['privacy_officer'] },
  { href: '/admin/audit', titleKey: 'audit.nav', textKey: 'audit.card', roles: ['admin'] },
  { href: '/admin/settings', titleKey: 'settings.nav', textKey: 'settings.card', roles: ['admin'] },
  { href: '/notices', titleKey: 'nav.notices', textKey: 'notices.home.text', roles: ['privacy_officer'] },
  {
    href: '/admin/notice-templates',
    titleKey: 'nav.noticeTemplates',
    textKey: 'notices.templates.intro',
    roles: ['admin'],
  },
];

/** The cards for one role. */
export function homeCards(role: Role): HomeCard[] {
  return HOME_CARDS.filter((c) => c.roles.includes(role));
}
