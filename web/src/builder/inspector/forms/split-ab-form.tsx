import type { ConfigOf } from '@waymark/journey';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { Field, type NodeFormProps, numberFromInput, problemsAt, withOptional } from '../form-kit.tsx';

type SplitConfig = ConfigOf<'split.ab'>;
type Variant = SplitConfig['variants'][number];

const modes = ['fixed', 'auto-winner', 'bandit'] as const;

/** The next unused variant id: A, B, C… */
function nextVariantId(variants: readonly Variant[]): string {
  const used = new Set(variants.map((variant) => variant.id));
  for (let code = 65; code <= 90; code++) {
    const id = String.fromCharCode(code);
    if (!used.has(id)) return id;
  }
  return `V${variants.length + 1}`;
}

/** Splits 100 evenly across variants (and control), giving any remainder to the first ones. */
function evenWeights(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, index) => base + (index < 100 - base * count ? 1 : 0));
}

/** A/B split: paths with weights that, with the control group, add up to 100. */
export function SplitAbForm({ config, onChange, problems, readOnly }: NodeFormProps<SplitConfig>) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const variants = Array.isArray(config.variants) ? config.variants : [];
  const total = variants.reduce(
    (sum, v) => sum + (Number(v.weight) || 0),
    Number(config.control?.weight) || 0,
  );
  const setVariants = (next: Variant[], group?: string) => onChange({ ...config, variants: next }, group);
  const setVariant = (index: number, patch: Partial<Variant>, group: string) =>
    setVariants(
      variants.map((variant, i) => (i === index ? { ...variant, ...patch } : variant)),
      group,
    );

  function balance() {
    const weights = evenWeights(variants.length + (config.control ? 1 : 0));
    const next = {
      ...config,
      variants: variants.map((variant, i) => ({ ...variant, weight: weights[i] ?? 0 })),
    };
    if (config.control) next.control = { weight: weights[variants.length] ?? 0 };
    onChange(next);
  }

  return (
    <fieldset disabled={readOnly} className="form">
      <span className="field-label">{t('split.variants')}</span>
      <table className="variant-table">
        <thead>
          <tr>
            <th>{t('split.label')}</th>
            <th>{t('split.weight')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {variants.map((variant, index) => (
            <tr key={variant.id}>
              <td>
                <input
                  aria-label={`${t('split.label')} ${variant.id}`}
                  value={variant.label}
                  onChange={(e) => setVariant(index, { label: e.target.value }, `label:${variant.id}`)}
                />
              </td>
              <td>
                <input
                  type="number"
                  min={0}
                  max={100}
                  aria-label={`${t('split.weight')} ${variant.id}`}
                  value={String(variant.weight)}
                  onChange={(e) =>
                    setVariant(
                      index,
                      { weight: numberFromInput(e.target.value) as number },
                      `weight:${variant.id}`,
                    )
                  }
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button ghost small"
                  disabled={variants.length <= 1}
                  aria-label={`${t('common.remove')} ${variant.label}`}
                  onClick={() => setVariants(variants.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button
          type="button"
          className="button small"
          disabled={variants.length >= 10}
          onClick={() => {
            const id = nextVariantId(variants);
            setVariants([...variants, { id, label: id, weight: 0 }]);
          }}
        >
          + {t('split.addVariant')}
        </button>
        <button type="button" className="button small" onClick={balance}>
          {t('split.balance')}
        </button>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={config.control !== undefined}
          onChange={(e) =>
            onChange(withOptional(config, 'control', e.target.checked ? { weight: 0 } : undefined))
          }
        />
        {t('split.control')}
      </label>
      {config.control ? (
        <Field label={t('split.controlWeight')} errors={problemsAt(problems, ['control'], problemText)}>
          {(id) => (
            <input
              id={id}
              type="number"
              min={0}
              max={100}
              value={String(config.control?.weight ?? '')}
              onChange={(e) =>
                onChange(
                  { ...config, control: { weight: numberFromInput(e.target.value) as number } },
                  'control',
                )
              }
            />
          )}
        </Field>
      ) : null}
      <p className={total === 100 ? 'weight-total ok' : 'weight-total bad'} data-testid="weight-total">
        {t('split.total', { total })}
        {total === 100 ? ' ✓' : ` — ${t('split.totalMustBe')}`}
      </p>
      {problemsAt(problems, ['variants'], problemText).map((error) => (
        <p key={error} className="field-error">
          {error}
        </p>
      ))}
      <Field label={t('split.mode')}>
        {(id) => (
          <select
            id={id}
            value={config.mode ?? 'fixed'}
            onChange={(e) => onChange({ ...config, mode: e.target.value as SplitConfig['mode'] })}
          >
            {modes.map((mode) => (
              <option key={mode} value={mode}>
                {t(`split.${mode}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
