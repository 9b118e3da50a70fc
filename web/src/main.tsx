import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/page-tabs.css';
import './styles/editor.css';
import './styles/nodes.css';
import './styles/inspector.css';
import './styles/conditions.css';
import './styles/live.css';
import './styles/scripts.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { setupI18n } from './i18n/index.ts';

function render(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html lost its #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Translations are bundled, so this resolves at once; waiting avoids a flash of raw keys.
void setupI18n().then(render);
