import type { ConfigOf } from '@waymark/journey';
import { useFieldCatalog } from '../../../fields/use-field-catalog.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { Field, type NodeFormProps, problemsAt } from '../form-kit.tsx';

type UpdateConfig = ConfigOf<'update'>;
type AttributeValue = UpdateConfig['setAttributes'][string];

const splitTags = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);

/** Typed text to a value: numbers and true/false as such, empty as "clear". */
function parseValue(text: string): AttributeValue {
  if (text === '') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  const number = Number(text);
  return Number.isFinite(number) && /^-?\d/.test(text) ? number : text;
}

/** Update profile: set attributes and add or remove tags. */
export function UpdateForm({ config, onChange, problems, readOnly }: NodeFormProps<UpdateConfig>) {
  const { t, locale } = useI18n();
  const problemText = useProblemText();
  const catalog = useFieldCatalog();
  const attributes = Object.entries(config.setAttributes ?? {});
  const setAttributes = (entries: [string, AttributeValue][], group?: string) =>
    onChange({ ...config, setAttributes: Object.fromEntries(entries) }, group);
  return (
    <fieldset disabled={readOnly} className="form">
      <span className="field-label">{t('forms.setAttributes')}</span>
      {attributes.map(([name, value], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the name itself can change while typing.
        <div className="row attr-row" key={`${index}-${name}`}>
          <input
            aria-label={t('condition.customFieldName')}
            list="attribute-names"
            defaultValue={name}
            onBlur={(e) =>
              setAttributes(
                attributes.map((entry, i) => (i === index ? [e.target.value.trim(), entry[1]] : entry)),
              )
            }
          />
          <input
            aria-label={t('condition.value')}
            value={value === null ? '' : String(value)}
            onChange={(e) =>
              setAttributes(
                attributes.map((entry, i) => (i === index ? [entry[0], parseValue(e.target.value)] : entry)),
                `attr:${index}`,
              )
            }
          />
          <button
            type="button"
            className="button ghost small"
            aria-label={t('common.remove')}
            onClick={() => setAttributes(attributes.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <datalist id="attribute-names">
        {catalog.attributes.map((field) => (
          <option key={field.name} value={field.name}>
            {field.label[locale]}
          </option>
        ))}
      </datalist>
      <button
        type="button"
        className="button small"
        onClick={() => setAttributes([...attributes, [`attribute_${attributes.length + 1}`, '']])}
      >
        + {t('common.add')}
      </button>
      <Field
        label={t('forms.addTags')}
        hint={t('condition.listHint')}
        errors={problemsAt(problems, ['addTags'], problemText)}
      >
        {(id) => (
          <input
            id={id}
            defaultValue={(config.addTags ?? []).join(', ')}
            onBlur={(e) => onChange({ ...config, addTags: splitTags(e.target.value) })}
          />
        )}
      </Field>
      <Field
        label={t('forms.removeTags')}
        hint={t('condition.listHint')}
        errors={problemsAt(problems, ['removeTags'], problemText)}
      >
        {(id) => (
          <input
            id={id}
            defaultValue={(config.removeTags ?? []).join(', ')}
            onBlur={(e) => onChange({ ...config, removeTags: splitTags(e.target.value) })}
          />
        )}
      </Field>
      {problemsAt(problems, ['setAttributes'], problemText).map((error) => (
        <p key={error} className="field-error">
          {error}
        </p>
      ))}
    </fieldset>
  );
}
