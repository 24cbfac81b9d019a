import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../api/openapi';
import { ApiError, newIdempotencyKey } from '../api/client';
import { initialValues, isDateField, isDateTimeField, isSmallRange, toPayload, type FieldDefaults, type Values } from './schema-values';
import { fieldName, ProblemAlert } from '../components/ProblemAlert';
import { fieldRuleText, problemText } from '../i18n/problem-text';
import { useFieldText } from './field-text';
import { schemaChecks, type FieldCheck } from './schema-checks';

/** Choices for fields that name a record (unit, offer, decision...), supplied by the page that knows them. */
export type Choices = Record<string, { value: string; label: string }[]>;

interface Props {
  schema: Schema;
  defaults: FieldDefaults;
  choices?: Choices;
  submitLabel: string;
  /** `idempotencyKey`: made at the first submit, the same on every retry until one succeeds (send it as Idempotency-Key). */
  onSubmit(payload: Values, options: { idempotencyKey: string }): Promise<unknown>;
  onCancel?(): void;
  /** Rendered above the buttons, e.g. a conflict with a reload button. */
  renderError?(error: ApiError): ReactNode | undefined;
  idPrefix: string;
  /** The command the form is for: fields may have words of their own there (see useFieldText). */
  context?: string;
  /** Top-level fields the page fills in itself (e.g. the case's facility): sent, but not shown. */
  hidden?: string[];
  /** Called with the values as the user changes them (e.g. to show what is still missing beside the form). */
  onValuesChange?(values: Values): void;
}

/**
 * A form drawn from a request schema of the OpenAPI document. Field labels come from `field.<name>` in the
 * message files; enum values from `enum.<value>`; errors from the API's `fields[]` land under the field.
 */
export function SchemaForm({
  schema,
  defaults,
  choices = {},
  submitLabel,
  onSubmit,
  onCancel,
  renderError,
  idPrefix,
  context,
  hidden = [],
  onValuesChange,
}: Props) {
  const { t, i18n } = useTranslation();
  const form = useForm<Values>({ mode: 'controlled', initialValues: initialValues(schema, defaults), onValuesChange });
  const [error, setError] = useState<ApiError | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const text = useFieldText(context);
  const errorRef = useRef<HTMLDivElement>(null);
  // One command per form: its key is made when the user first submits and kept for every retry (an answer
  // lost on the way must not turn a retry into a second command); a success ends it.
  const idempotencyKey = useRef<string | null>(null);

  useEffect(() => {
    // Move focus to the message so keyboard and screen-reader users learn the outcome.
    if (error || invalid) errorRef.current?.focus();
  }, [error, invalid]);

  /** A field's problem in the user's words, with its label (and the label of the day it must follow). */
  const fieldText = (path: string, check: FieldCheck) => {
    const after = check.params?.after;
    const params = typeof after === 'string' ? { ...check.params, other: text.label(after) } : check.params;
    return fieldRuleText(t, { rule: check.rule, params }, text.label(fieldName(path)));
  };

  const submit = form.onSubmit(async (values) => {
    setError(null);
    // What the schema says is checked here first: nothing is sent while a field breaks it.
    const broken = Object.entries(schemaChecks({ ...schema, properties: visible(schema, hidden) }, values, new Set(Object.keys(choices))));
    setInvalid(broken.length > 0);
    if (broken.length > 0) {
      form.setErrors(Object.fromEntries(broken.map(([path, check]) => [path, fieldText(path, check)])));
      return;
    }
    setBusy(true);
    idempotencyKey.current ??= newIdempotencyKey();
    try {
      await onSubmit(toPayload(schema, values), { idempotencyKey: idempotencyKey.current });
      idempotencyKey.current = null;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
      const fields = e.problem.fields ?? [];
      const errors: Record<string, string> = {};
      for (const f of fields) {
        const message = fieldText(f.field, f);
        errors[f.field] = errors[f.field] ? `${errors[f.field]}; ${message}` : message;
      }
      // A broken domain rule (422) that names a field is shown there too, in the user's language.
      if (e.problem.rule && e.problem.field) errors[e.problem.field] = problemText(t, (k) => i18n.exists(k), e.problem);
      form.setErrors(errors);
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-busy={busy} data-command={context}>
      <Stack gap="sm">
        <Fields schema={schema} path="" form={form} ctx={{ choices, idPrefix, context, hidden }} />
        <div ref={errorRef} tabIndex={-1}>
          {invalid && (
            <Alert color="red" title={t('form.invalid')} role="alert">
              {t('check.summary')}
            </Alert>
          )}
          {error && (renderError?.(error) ?? <ProblemAlert error={error} context={context} />)}
        </div>
        <Group>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('case.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The schema's fields without those the page fills in itself (not the user's to correct). */
const visible = (schema: Schema, hidden: string[]) => Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => !hidden.includes(name)));

type Form = ReturnType<typeof useForm<Values>>;
interface Ctx {
  choices: Choices;
  idPrefix: string;
  context?: string;
  hidden: string[];
}

function Fields({ schema, path, form, ctx }: { schema: Schema; path: string; form: Form; ctx: Ctx }) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {})
        .filter(([name]) => path !== '' || !ctx.hidden.includes(name))
        .map(([name, prop]) => (
          <Field key={name} name={name} schema={prop} path={path ? `${path}.${name}` : name} required={required.has(name)} form={form} ctx={ctx} />
        ))}
    </>
  );
}

/** Text fields the browser should treat as what they are (a password is masked and never autofilled as the admin's own). */
const INPUT_TYPES: Record<string, string> = { email: 'email', phone: 'tel', password: 'password' };

function Field({ name, schema, path, required, form, ctx }: { name: string; schema: Schema; path: string; required: boolean; form: Form; ctx: Ctx }) {
  const { t } = useTranslation();
  const text = useFieldText(ctx.context);
  const label = text.label(name);
  const description = text.help(name, schema);
  const id = `${ctx.idPrefix}-${path.replace(/\./g, '-')}`;
  const common = { id, label, required, withAsterisk: required, description };
  const err = form.errors[path];

  if (schema.type === 'object') {
    return (
      <fieldset className="subform">
        <legend>
          {label}
          {!required && ` (${t('form.optional')})`}
        </legend>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
        {err && (
          <Alert color="red" variant="light">
            {err}
          </Alert>
        )}
        <Stack gap="xs">
          <Fields schema={schema} path={path} form={form} ctx={ctx} />
        </Stack>
      </fieldset>
    );
  }
  if (schema.type === 'boolean') {
    return <Checkbox {...form.getInputProps(path, { type: 'checkbox' })} id={id} label={label} description={description} error={err} />;
  }
  if (schema.type === 'array' && schema.items?.type === 'object') {
    return <ObjectList schema={schema.items} path={path} label={label} form={form} ctx={ctx} />;
  }
  if (schema.type === 'array' && schema.items?.enum) {
    // The page may narrow the codes to those that apply (a facility's own exclusion reasons).
    const narrowed = ctx.choices[name];
    const values = narrowed ? schema.items.enum.filter((v) => narrowed.some((c) => c.value === v)) : schema.items.enum;
    const options = values.map((v) => ({ value: v, label: text.option(v) }));
    return <EnumSet options={options} path={path} id={id} label={label} description={description} required={required} form={form} />;
  }
  if (schema.type === 'array' && ctx.choices[name]) {
    // Ids of records the page knows (a user's facilities): one checkbox per record, by its name.
    return <EnumSet options={ctx.choices[name]} path={path} id={id} label={label} description={description} required={required} form={form} />;
  }
  if (schema.type === 'array') {
    const desc = [t('form.onePerLine'), description].filter(Boolean).join('. ');
    return <Textarea {...form.getInputProps(path)} {...common} description={desc} autosize minRows={2} />;
  }
  const options =
    schema.enum?.map((v) => ({ value: v, label: text.option(v) })) ??
    ctx.choices[name] ??
    (isSmallRange(schema)
      ? Array.from({ length: schema.maximum! - schema.minimum! + 1 }, (_, i) => String(schema.minimum! + i)).map((v) => ({ value: v, label: v }))
      : undefined);
  if (options) {
    return <NativeSelect {...form.getInputProps(path)} {...common} data={[{ value: '', label: t('form.choose') }, ...options]} />;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return <TextInput {...form.getInputProps(path)} {...common} type="number" inputMode="numeric" min={schema.minimum} max={schema.maximum} />;
  }
  if (isDateTimeField(schema)) return <TextInput {...form.getInputProps(path)} {...common} type="datetime-local" />;
  if (isDateField(name, schema)) return <TextInput {...form.getInputProps(path)} {...common} type="date" />;
  if ((schema.maxLength ?? 0) > 500) return <Textarea {...form.getInputProps(path)} {...common} autosize minRows={2} />;
  return (
    <TextInput {...form.getInputProps(path)} {...common} type={INPUT_TYPES[name] ?? 'text'} autoComplete={name === 'password' ? 'new-password' : undefined} />
  );
}

/** A list of codes (exclusion reasons, contact modes) or of chosen records: one checkbox each, in a fieldset that names the list. */
function EnumSet({
  options,
  path,
  id,
  label,
  description,
  required,
  form,
}: {
  options: { value: string; label: string }[];
  path: string;
  id: string;
  label: string;
  description?: string;
  required: boolean;
  form: Form;
}) {
  const value = getPath(form.getValues(), path);
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  const err = form.errors[path];
  const toggle = (v: string, on: boolean) => form.setFieldValue(path, on ? [...chosen, v] : chosen.filter((x) => x !== v));
  return (
    <fieldset className="subform" id={id} aria-describedby={err ? `${id}-error` : undefined}>
      <legend>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </legend>
      {description && (
        <Text size="sm" c="dimmed" mb={4}>
          {description}
        </Text>
      )}
      <Stack gap={4}>
        {options.map(({ value: v, label: optionLabel }) => (
          <Checkbox key={v} id={`${id}-${v}`} label={optionLabel} checked={chosen.includes(v)} onChange={(e) => toggle(v, e.currentTarget.checked)} />
        ))}
      </Stack>
      {err && (
        <Text size="sm" c="red" id={`${id}-error`} role="alert">
          {err}
        </Text>
      )}
    </fieldset>
  );
}

function ObjectList({ schema, path, label, form, ctx }: { schema: Schema; path: string; label: string; form: Form; ctx: Ctx }) {
  const { t } = useTranslation();
  const items = (getPath(form.getValues(), path) as Values[] | undefined) ?? [];
  const err = form.errors[path];
  return (
    <fieldset className="subform">
      <legend>{label}</legend>
      {err && (
        <Alert color="red" variant="light">
          {err}
        </Alert>
      )}
      <Stack gap="xs">
        {items.map((_, i) => (
          <fieldset key={i} className="subform">
            <legend>{`${label} ${i + 1}`}</legend>
            <Fields schema={schema} path={`${path}.${i}`} form={form} ctx={ctx} />
            <Button variant="subtle" color="red" size="xs" mt="xs" onClick={() => form.removeListItem(path, i)}>
              {`${t('form.remove')}: ${label} ${i + 1}`}
            </Button>
          </fieldset>
        ))}
        <Button variant="light" size="xs" onClick={() => form.insertListItem(path, initialValues(schema, { today: '' }))}>
          {`${t('form.add')}: ${label}`}
        </Button>
      </Stack>
    </fieldset>
  );
}

function getPath(values: Values, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], values);
}
