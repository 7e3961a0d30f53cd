import { h, replaceChildren } from './dom';
import { formatTime } from './format';
import { statusLabel, t } from './i18n';
import { FEED_SIZE, type FeedState, type LiveFeed } from './live-feed';
import { section } from './page';
import { provinceName } from './provinces';
import type { ReplicationFeedEvent } from './queries';
import { routes } from './router';

/** The live feed's panel: newest event on top, the last 50, and the connection's state. */
export function feedPanel(feed: LiveFeed, signal: AbortSignal): HTMLElement {
  const status = h('p', { class: 'feed-status', 'data-testid': 'feed-status', role: 'status' });
  const list = h('ol', { class: 'feed-list', 'data-testid': 'live-feed', 'aria-live': 'polite' });
  const empty = h('p', { class: 'note feed-empty' }, t('feedEmpty'));

  const showState = (state: FeedState) => {
    status.dataset['state'] = state;
    status.textContent =
      state === 'connected'
        ? t('feedConnected')
        : state === 'needs-login'
          ? t('feedNeedsLogin')
          : state === 'connecting'
            ? t('loading')
            : t('feedDisconnected');
  };
  const showEmpty = () => {
    empty.hidden = list.childElementCount > 0;
  };

  showState(feed.state());
  replaceChildren(list, ...feed.latest().map(feedItem));
  showEmpty();
  const unsubscribe = feed.subscribe({
    state: showState,
    event: (event) => {
      list.prepend(feedItem(event));
      while (list.childElementCount > FEED_SIZE) list.lastElementChild?.remove();
      showEmpty();
    },
  });
  signal.addEventListener('abort', unsubscribe, { once: true });

  return section(
    'feed',
    t('feedHeading'),
    h('p', { class: 'note' }, t('feedDescription')),
    status,
    empty,
    list,
  );
}

function feedItem(event: ReplicationFeedEvent): HTMLLIElement {
  const change = event.from
    ? t('feedMoved', { from: statusLabel(event.from), to: statusLabel(event.to) })
    : t('feedNew');
  return h(
    'li',
    {
      class: `feed-item status-${event.to.toLowerCase()}`,
      'data-testid': 'feed-item',
      'data-replication-id': event.replicationId,
      'data-status': event.to,
    },
    h('time', { datetime: event.at }, formatTime(event.at)),
    h(
      'span',
      { class: 'feed-what' },
      h('strong', {}, event.adopterAgencyName),
      ` (${provinceName(event.adopterProvinceCode)}) `,
      h('span', { class: 'feed-change' }, change),
    ),
    h('a', { href: routes.innovation(event.innovationId), class: 'feed-innovation' }, event.innovationTitle),
  );
}
