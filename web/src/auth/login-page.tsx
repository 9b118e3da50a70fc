import { type FormEvent, useState } from 'react';
import { LocaleSwitch } from '../app/locale-switch.tsx';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { errorText } from '../ui/error-text.ts';
import { useAuth } from './auth-context.tsx';

/** The sign-in form. After signing in, the shell shows the page the planner asked for. */
export function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username.trim(), password);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <h1 id="login-title">{t('login.title')}</h1>
        </div>
        <p className="muted">{t('login.subtitle')}</p>
        {error ? <Banner kind="error">{errorText(t, error)}</Banner> : null}
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.signIn')}
        </button>
        <div className="login-footer">
          <LocaleSwitch />
        </div>
      </form>
    </main>
  );
}
