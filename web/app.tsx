import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from './components/error-notice.js';
import { HelpDialog } from './components/help-dialog.js';
import { LanguageSwitch } from './components/language-switch.js';
import { lazyPage, Loading } from './components/lazy.js';
import { StatusProvider } from './components/status.js';
import { LoginPage, SetupPage } from './features/auth/auth-pages.js';
import { EntitiesPage } from './features/entities/entities-page.js';
import { EntityPage } from './features/entities/entity-page.js';
import { EventPage } from './features/events/event-page.js';
import { EventsPage } from './features/events/events-page.js';
import { InboxPage } from './features/inbox/inbox-page.js';
import { ReaderPage } from './features/reader/reader-page.js';
import { ReviewPage } from './features/review/review-page.js';
import { SearchPage } from './features/search/search-page.js';
import { AccountPage } from './features/account/account-page.js';
import { UsersPage } from './features/users/users-page.js';
import { I18nProvider, useI18n, type MessageKey } from './i18n/index.js';
import { href, navigate, useRoute, type Route, type RouteName } from './router.js';
import { SessionProvider, useSession } from './session.js';
import { isTyping } from './lib/keys.js';

// Charts and the map pull in Observable Plot, d3-geo and the world atlas: loaded on first use.
const TimelinePage = lazyPage(() => import('./features/timeline/timeline-page.js'));
const MapPage = lazyPage(() => import('./features/map/map-page.js'));
const TrendsPage = lazyPage(() => import('./features/trends/trends-page.js'));

export function App() {
  return (
    <I18nProvider>
      <StatusProvider>
        <SessionProvider>
          <Root />
        </SessionProvider>
      </StatusProvider>
    </I18nProvider>
  );
}

function Root() {
  const session = useSession();
  const route = useRoute();
  const { t } = useI18n();
  const s = session.state;
  if (s.phase === 'loading') return <Loading />;
  if (s.phase === 'error')
    return (
      <main class="page narrow" id="main">
        <ErrorNotice error={s.error} />
        <button type="button" class="btn" onClick={session.retry}>
          {t('common.retry')}
        </button>
      </main>
    );
  if (s.phase === 'setup') return <SetupPage setup={s.setup} />;
  if (s.phase === 'signedOut') return <LoginPage />;
  return <Shell route={route} />;
}

const NAV: { name: RouteName; path: string; key: MessageKey; also?: RouteName[] }[] = [
  { name: 'inbox', path: '/inbox', key: 'nav.inbox', also: ['reader'] },
  { name: 'review', path: '/review', key: 'nav.review' },
  { name: 'events', path: '/events', key: 'nav.events', also: ['event'] },
  { name: 'entities', path: '/entities', key: 'nav.entities', also: ['entity'] },
  { name: 'search', path: '/search', key: 'nav.search' },
  { name: 'timeline', path: '/timeline', key: 'nav.timeline' },
  { name: 'map', path: '/map', key: 'nav.map' },
  { name: 'trends', path: '/trends', key: 'nav.trends' },
];

function Shell({ route }: { route: Route }) {
  const { t } = useI18n();
  const session = useSession();
  const [help, setHelp] = useState(false);
  const [quick, setQuick] = useState('');

  useEffect(() => {
    if (route.name === 'home' || route.name === 'login' || route.name === 'setup') navigate('/inbox', undefined, { replace: true });
  }, [route.name]);

  // Global keys: "?" help, "/" search. Never while typing in a field.
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
      } else if (e.key === '/') {
        e.preventDefault();
        document.getElementById('quick-search')?.focus();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);

  // Move focus to the page on navigation so screen readers and keyboards start there (and
  // close the user menu an item of which was just chosen).
  useEffect(() => {
    document.querySelector('details.usermenu')?.removeAttribute('open');
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [route.path]);

  const user = session.user!;
  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <a class="brand" href={href('/inbox')} aria-label="Chronicle">
          <span class="brand-mark" aria-hidden="true">
            C
          </span>
          <span class="brand-name">Chronicle</span>
        </a>
        <nav class="mainnav" aria-label={t('nav.main')}>
          {NAV.map((n) => {
            const active = route.name === n.name || n.also?.includes(route.name);
            return (
              <a key={n.name} href={href(n.path)} class={`navlink${active ? ' is-active' : ''}`} aria-current={active ? 'page' : undefined} data-testid={`nav-${n.name}`}>
                {t(n.key)}
              </a>
            );
          })}
        </nav>
        <form
          class="quick-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            navigate('/search', { q: quick.trim() });
          }}
        >
          <label for="quick-search" class="sr-only">
            {t('search.label')}
          </label>
          <input id="quick-search" type="search" placeholder={t('search.quickPlaceholder')} value={quick} onInput={(e) => setQuick(e.currentTarget.value)} data-testid="quick-search" />
        </form>
        <div class="topbar-right">
          <LanguageSwitch />
          <button type="button" class="btn-icon help-btn" onClick={() => setHelp(true)} aria-label={t('help.open')} data-testid="help-open">
            ?
          </button>
          <details class="usermenu">
            <summary data-testid="user-menu">
              <span class="avatar" aria-hidden="true">
                {(user.displayName || user.username).slice(0, 1).toUpperCase()}
              </span>
              <span class="user-name">{user.displayName || user.username}</span>
              <span class={`role-badge role-${session.role ?? 'none'}`} data-testid="current-role">
                {session.role ? t(`role.${session.role}` as MessageKey) : t('role.none')}
              </span>
            </summary>
            <div class="usermenu-panel">
              <div class="muted small">@{user.username}</div>
              <a href={href('/account')} data-testid="nav-account">
                {t('nav.account')}
              </a>
              {user.isAdmin ? (
                <a href={href('/users')} data-testid="nav-users">
                  {t('nav.users')}
                </a>
              ) : null}
              <button type="button" class="btn btn-block" onClick={() => void session.logout()} data-testid="logout">
                {t('auth.signOut')}
              </button>
            </div>
          </details>
        </div>
      </header>
      {session.role === null ? (
        <div class="notice notice-warn banner" role="note">
          {t('role.noneExplain')}
        </div>
      ) : null}
      <main id="main" class="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}

function Page({ route }: { route: Route }) {
  const { t } = useI18n();
  const session = useSession();
  switch (route.name) {
    case 'home':
    case 'inbox':
    case 'login':
    case 'setup':
      return <InboxPage />;
    case 'reader':
      return <ReaderPage key={route.params.id} id={route.params.id!} query={route.query} />;
    case 'review':
      return <ReviewPage />;
    case 'events':
      return <EventsPage query={route.query} />;
    case 'event':
      return <EventPage key={route.params.id} id={route.params.id!} />;
    case 'entities':
      return <EntitiesPage query={route.query} />;
    case 'entity':
      return <EntityPage key={route.params.id} id={route.params.id!} />;
    case 'search':
      return <SearchPage query={route.query} />;
    case 'timeline':
      return <TimelinePage query={route.query} />;
    case 'map':
      return <MapPage query={route.query} />;
    case 'trends':
      return <TrendsPage query={route.query} />;
    case 'users':
      return session.user?.isAdmin ? <UsersPage /> : <p>{t('error.FORBIDDEN')}</p>;
    case 'account':
      return <AccountPage />;
    default:
      return (
        <div class="page narrow">
          <h1>{t('notFound.title')}</h1>
          <p>
            <a href={href('/inbox')}>{t('notFound.back')}</a>
          </p>
        </div>
      );
  }
}
