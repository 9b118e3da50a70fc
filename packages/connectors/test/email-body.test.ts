import { describe, expect, it } from 'vitest';
import { emailBodies, emailMessageSchema, htmlToText } from '../src/index.ts';

describe('e-mail bodies from a rendered script', () => {
  it('keeps an HTML script as the HTML body and derives a readable text part', () => {
    const html =
      '<html><head><style>p{color:red}</style></head><body><p>尊敬的 O&#x27;Brien &amp; 王女士：</p>' +
      '<p>您的余额为 <b>¥1,234.00</b>。<br>详情见<a href="https://bank.example/wealth?a=1&amp;b=2">理财页面</a>。</p>' +
      '<ul><li>续存</li><li>转购理财</li></ul></body></html>';
    const bodies = emailBodies(html);
    expect(bodies.html).toBe(html);
    expect(bodies.text).toBe(
      "尊敬的 O'Brien & 王女士：\n\n您的余额为 ¥1,234.00。\n详情见理财页面 (https://bank.example/wealth?a=1&b=2)。\n\n• 续存\n• 转购理财",
    );
    expect(htmlToText('<a href="https://x.example">https://x.example</a>')).toBe('https://x.example');
  });

  it('turns a script without tags into paragraphs, escaping stray angle brackets', () => {
    const bodies = emailBodies('您好，王先生：\n年化收益 > 3%。\n\n示例银行');
    expect(bodies.text).toBe('您好，王先生：\n年化收益 > 3%。\n\n示例银行');
    expect(bodies.html).toBe('<p>您好，王先生：<br>\n年化收益 &gt; 3%。</p>\n<p>示例银行</p>');
  });

  it('checks the message: a lower-case address, a subject on one line', () => {
    const base = { to: 'wang@example.cn', subject: '到期提醒', text: '正文' };
    expect(emailMessageSchema.safeParse(base).success).toBe(true);
    expect(emailMessageSchema.safeParse({ ...base, to: 'user@例子.中国' }).success).toBe(true);
    for (const to of [
      'Wang@example.cn',
      'wang@',
      'wang.@example.cn',
      'a..b@example.cn',
      'wang@example',
      'a b@example.cn',
    ]) {
      expect(emailMessageSchema.safeParse({ ...base, to }).success, to).toBe(false);
    }
    expect(emailMessageSchema.safeParse({ ...base, subject: '到期\r\nBcc: x@evil.example' }).success).toBe(
      false,
    );
    expect(emailMessageSchema.safeParse({ ...base, subject: '' }).success).toBe(false);
  });
});
