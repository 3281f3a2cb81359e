// The main navigation: which links each role sees.
import type { Role } from '../models/user.model.js';

export interface NavItem {
  href: string;
  labelKey: string;
  roles: Role[];
  /**
   * For these roles the link sits under "More" instead of in the bar (issue 14 item 7: the officer
   * had 11 links on two lines; on a phone they took ~230 px before the page began).
   */
  moreFor?: Role[];
}

export const NAVIGATION: NavItem[] = [
  {
    href: '/',
    labelKey: 'nav.home',
    roles: ['reporter', 'privacy_officer', 'ministry_liaison', 'admin', 'management'],
    moreFor: ['privacy_officer'],
  },
  { href: '/admin/users', labelKey: 'nav.users', roles: ['admin'] },
  { href: '/admin/mailbox', labelKey: 'nav.mailbox', roles: ['admin'] },
  { href: '/admin/undeliverable', labelKey: 'nav.undeliverable', roles: ['admin'], moreFor: ['admin'] },
  { href: '/admin/settings', labelKey: 'settings.nav', roles: ['admin'] },
  {
    href: '/account',
    labelKey: 'nav.account',
    roles: ['reporter', 'privacy_officer', 'ministry_liaison', 'admin', 'management'],
    moreFor: ['privacy_officer', 'admin'],
  },
  { href: '/dashboard', labelKey: 'nav.dashboard', roles: ['privacy_officer'] },
  { href: '/authority', labelKey: 'nav.authority', roles: ['privacy_officer'] },
  { href: '/ministry', labelKey: 'nav.ministry', roles: ['ministry_liaison', 'privacy_officer'] },
  { href: '/reports/new', labelKey: 'incidents.nav.new', roles: ['reporter', 'privacy_officer', 'admin'] },
  { href: '/reports', labelKey: 'incidents.nav.mine', roles: ['reporter', 'admin'] },
  { href: '/register', labelKey: 'register.nav', roles: ['privacy_officer'] },
  {
    href: '/admin/audit',
    labelKey: 'audit.nav',
    roles: ['admin', 'privacy_officer'],
    moreFor: ['privacy_officer'],
  },
  {
    href: '/admin/retention',
    labelKey: 'retention.nav',
    roles: ['admin', 'privacy_officer'],
    moreFor: ['privacy_officer', 'admin'],
  },
  { href: '/notices', labelKey: 'nav.notices', roles: ['privacy_officer'] },
  {
    href: '/insights',
    labelKey: 'insights.nav',
    roles: ['privacy_officer', 'management'],
    moreFor: ['privacy_officer'],
  },
  {
    href: '/admin/notice-templates',
    labelKey: 'nav.noticeTemplates',
    roles: ['admin', 'privacy_officer'],
    moreFor: ['privacy_officer', 'admin'],
  },
];

export type ShownNavItem = NavItem & { current: boolean };

/** The navigation items for a role, marking the current one. */
export function navigationFor(role: Role, path: string): ShownNavItem[] {
  return NAVIGATION.filter((n) => n.roles.includes(role)).map((n) => ({
    ...n,
    current: n.href === '/' ? path === '/' : path.startsWith(n.href),
  }));
}

/** Up to this many links stay in the bar on a phone; with more, a phone shows them under one "Menu". */
export const PHONE_BAR_MAX = 4;

/**
 * The links in the bar and those under "More" (none: no "More"); `moreCurrent` when the page is
 * one of the latter; `phoneMenu` when a phone folds them all under "Menu".
 */
export function navigationGroups(
  role: Role,
  path: string,
): { main: ShownNavItem[]; more: ShownNavItem[]; moreCurrent: boolean; phoneMenu: boolean } {
  const all = navigationFor(role, path);
  const more = all.filter((n) => n.moreFor?.includes(role));
  return {
    main: all.filter((n) => !more.includes(n)),
    more,
    moreCurrent: more.some((n) => n.current),
    phoneMenu: all.length > PHONE_BAR_MAX,
  };
}
