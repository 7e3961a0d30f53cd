import { mentionedUserIds, renderPostBody, renderSoon } from './post-markdown';

const render = (body: string, names = new Map<number, string>()) => renderPostBody(body, names);

describe('post Markdown', () => {
  it('renders plain formatting', () => {
    expect(render('**tebal** dan _miring_')).toBe('<p><strong>tebal</strong> dan <em>miring</em></p>');
  });

  it('makes XSS payloads inert', () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[klik](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload=alert(1)>',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<iframe src="https://evil.example"></iframe>',
      '<div style="background:url(javascript:alert(1))">x</div>',
    ];
    for (const payload of payloads) {
      const html = render(payload);
      // markup survives only as escaped text: no live tag, handler or script link remains
      expect(html).not.toMatch(
        /<(script|img|svg|iframe|div)|<[^>]*\s(on\w+|style)=|<a[^>]*href="(javascript|data)/i,
      );
    }
  });

  it('gives every link rel="nofollow noopener"', () => {
    expect(render('lihat https://jipp.go.id dan [LAN](https://lan.go.id)')).toBe(
      '<p>lihat <a href="https://jipp.go.id" rel="nofollow noopener" target="_blank">https://jipp.go.id</a> dan ' +
        '<a href="https://lan.go.id" rel="nofollow noopener" target="_blank">LAN</a></p>',
    );
  });

  it('turns known mentions into spans with the current, escaped name', () => {
    const body = 'Halo @[Budi](user:7) dan @[Tidak Ada](user:8)';
    expect(mentionedUserIds(body)).toEqual([7, 8]);
    expect(render(body, new Map([[7, 'Budi <Santoso>']]))).toBe(
      '<p>Halo <span class="mention" data-user-id="7">@Budi &lt;Santoso&gt;</span> dan @Tidak Ada</p>',
    );
  });

  it('does not let the mention token be forged', () => {
    expect(render('jippmention7x jippmentionu7x', new Map([[7, 'Budi']]))).toBe(
      '<p>jippmention7x jippmentionu7x</p>',
    );
  });

  it('renders a body without mentions soon: after the current turn, as renderPostBody would', async () => {
    const body = '**Hasil** <script>alert(1)</script> di https://jippnet.example';
    const order: string[] = [];
    expect(renderSoon('Terima kasih @[Sari](user:31)')).toBeUndefined();
    const soon = renderSoon(body)!.then((html) => {
      order.push('rendered');
      return html;
    });
    await Promise.resolve();
    order.push('this turn');
    expect(await soon).toBe(render(body));
    expect(order).toEqual(['this turn', 'rendered']);
  });
});
