// first: starts the overview's query before the rest of the bundle is set up
import './early-overview';
import './styles.css';
import { h, replaceChildren } from './dom';
import { GraphqlError } from './graphql';
import { currentLang, setLang, t } from './i18n';
import { LiveFeed } from './live-feed';
import type { PageContext } from './page';
import { renderInnovation } from './pages/innovation';
import { renderLogin } from './pages/login';
import { renderOverview } from './pages/overview';
import { renderProvince } from './pages/province';
import { parseRoute, routes } from './router';
import { accessToken, onSessionChange, setAccessToken } from './session';

/**
 * The dashboard's shell: header (title, navigation, language switch, sign-out), the page the hash
 * names, and the live feed that stays connected from page to page.
 */
const app = document.getElementById('app')!;
const header = h('header', { class: 'site-header' });
const main = h('main', { id: 'main', tabindex: -1 });
const footer = h('footer', { class: 'site-footer' });
const feed = new LiveFeed();
let current: AbortController | null = null;
let firstPage = true;

function renderChrome(): void {
  document.documentElement.lang = currentLang();
  document.title = t('appTitle');
  const skip = h('a', { class: 'skip-link', href: '#main' }, t('skipToContent'));
  // the hash is the router's: skipping moves focus without touching it
  skip.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  const language = h(
    'button',
    {
      type: 'button',
      class: 'language-switch',
      'data-testid': 'language-switch',
      lang: currentLang() === 'en' ? 'id' : 'en',
      'aria-label': t('switchLanguageLabel'),
    },
    t('switchLanguage'),
  );
  language.addEventListener('click', () => {
    setLang(currentLang() === 'en' ? 'id' : 'en');
    renderChrome();
    void showPage();
  });
  const signOut = accessToken() ? h('button', { type: 'button', class: 'sign-out' }, t('signOut')) : null;
  signOut?.addEventListener('click', () => setAccessToken(null));
  replaceChildren(
    header,
    skip,
    h(
      'div',
      { class: 'brand' },
      h('a', { href: routes.overview(), class: 'app-title' }, t('appTitle')),
      h('p', { class: 'app-subtitle' }, t('appSubtitle')),
    ),
    h(
      'nav',
      { 'aria-label': t('navOverview') },
      h('a', { href: routes.overview() }, t('navOverview')),
      language,
      signOut,
    ),
  );
  replaceChildren(
    footer,
    h(
      'p',
      {},
      'JIPP · KemenPANRB. ',
      currentLang() === 'en'
        ? 'Country outline: Natural Earth (public domain). Regions: idn-area-data (ODbL).'
        : 'Garis batas negara: Natural Earth (domain publik). Wilayah: idn-area-data (ODbL).',
    ),
  );
}

async function showPage(): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const context: PageContext = { main, signal: controller.signal, feed };
  main.dataset['ready'] = 'false';
  main.setAttribute('aria-busy', 'true');
  replaceChildren(main, h('p', { class: 'note loading' }, t('loading')));
  const route = parseRoute(location.hash);
  try {
    switch (route.page) {
      case 'overview':
        await renderOverview(context);
        break;
      case 'province':
        await renderProvince(context, route.provinceCode, route.categoryId);
        break;
      case 'innovation':
        await renderInnovation(context, route.innovationId);
        break;
      case 'not-found':
        replaceChildren(
          main,
          h('h1', { class: 'page-title' }, t('notFound')),
          h('p', {}, h('a', { href: routes.overview() }, t('backToOverview'))),
        );
        main.dataset['ready'] = 'true';
        break;
    }
  } catch (error) {
    if (controller.signal.aborted) return;
    if (error instanceof GraphqlError && error.code === 'UNAUTHENTICATED') {
      renderLogin(context);
    } else {
      showError(error);
    }
  } finally {
    if (!controller.signal.aborted) main.removeAttribute('aria-busy');
  }
  // after a navigation, the reader lands on the new page's heading, not at the old scroll position
  const heading = main.querySelector<HTMLElement>('h1');
  if (!firstPage && heading && !controller.signal.aborted) {
    heading.tabIndex = -1;
    heading.focus();
  }
  firstPage = false;
}

function showError(error: unknown): void {
  const retry = h('button', { type: 'button' }, t('retry'));
  retry.addEventListener('click', () => void showPage());
  replaceChildren(
    main,
    h(
      'div',
      { class: 'error', role: 'alert', 'data-testid': 'load-error' },
      h('p', {}, t('loadFailed', { message: error instanceof Error ? error.message : String(error) })),
      retry,
    ),
  );
  main.dataset['ready'] = 'true';
}

renderChrome();
replaceChildren(app, header, main, footer);
window.addEventListener('hashchange', () => void showPage());
onSessionChange(() => {
  renderChrome();
  feed.start();
  void showPage();
});
feed.start();
void showPage();
