import { h, replaceChildren } from '../dom';
import { graphql, GraphqlError } from '../graphql';
import { t } from '../i18n';
import { markReady, type PageContext } from '../page';
import { LOGIN_MUTATION } from '../queries';
import { setAccessToken } from '../session';

/**
 * Shown instead of a page when the api requires a login for the dashboard (DASHBOARD_REQUIRE_LOGIN)
 * and the reader has not signed in. Signing in keeps the token for the tab and redraws the page.
 */
export function renderLogin({ main }: PageContext): void {
  const email = h('input', { id: 'login-email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'login-password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit' }, t('signIn'));
  const form = h(
    'form',
    { class: 'login', 'data-testid': 'login-form' },
    h('label', { for: 'login-email' }, t('email')),
    email,
    h('label', { for: 'login-password' }, t('password')),
    password,
    button,
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    message.textContent = '';
    graphql<{ login: { accessToken: string } }>(LOGIN_MUTATION, {
      input: { email: email.value.trim(), password: password.value },
    }).then(
      (result) => setAccessToken(result.login.accessToken),
      (error: unknown) => {
        button.disabled = false;
        message.textContent = t('loginFailed', {
          message: error instanceof GraphqlError || error instanceof Error ? error.message : String(error),
        });
      },
    );
  });
  replaceChildren(
    main,
    h('h1', { class: 'page-title' }, t('loginHeading')),
    h('p', { class: 'note' }, t('loginDescription')),
    form,
  );
  markReady(main, 'login');
}
