// The main navigation: which links each role sees.
import type { Role } from '../models/user.model.js';

export interface NavItem {
  href: string;
  labelKey: string;
  roles: Role[];
}

export const NAVIGATION: NavItem[] = [
  { href: '/', labelKey: 'nav.home', roles: ['reporter', 'privacy_officer', 'ministry_liaison', 'admin'] },
  { href: '/admin/users', labelKey: 'nav.users', roles: ['admin'] },
  { href: '/admin/mailbox', labelKey: 'nav.mailbox', roles: ['admin'] },
  { href: '/admin/undeliverable', labelKey: 'nav.undeliverable', roles: ['admin'] },
  { href: '/admin/settings', labelKey: 'settings.nav', roles: ['admin'] },
  {
    href: '/account',
    labelKey: 'nav.account',
    roles: ['reporter', 'privacy_officer', 'ministry_liaison', 'admin'],
  },
  { href: '/dashboard', labelKey: 'nav.dashboard', roles: ['privacy_officer'] },
  { href: '/authority', labelKey: 'nav.authority', roles: ['privacy_officer'] },
  { href: '/ministry', labelKey: 'nav.ministry', roles: ['ministry_liaison', 'privacy_officer'] },
  { href: '/reports/new', labelKey: 'incidents.nav.new', roles: ['reporter', 'privacy_officer', 'admin'] },
  { href: '/reports', labelKey: 'incidents.nav.mine', roles: ['reporter', 'admin'] },
  { href: '/register', labelKey: 'register.nav', roles: ['privacy_officer'] },
  { href: '/admin/audit', labelKey: 'audit.nav', roles: ['admin', 'privacy_officer'] },
  { href: '/admin/retention', labelKey: 'retention.nav', roles: ['admin', 'privacy_officer'] },
  { href: '/notices', labelKey: 'nav.notices', roles: ['privacy_officer'] },
  { href: '/admin/notice-templates', labelKey: 'nav.noticeTemplates', roles: ['admin', 'privacy_officer'] },
];

/** The navigation items for a role, marking the current one. */
export function navigationFor(role: Role, path: string): (NavItem & { current: boolean })[] {
  return NAVIGATION.filter((n) => n.roles.includes(role)).map((n) => ({
    ...n,
    current: n.href === '/' ? path === '/' : path.startsWith(n.href),
  }));
}
