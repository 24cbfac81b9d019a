import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../api/openapi';
import { ApiError } from '../api/client';
import { humanize } from '../i18n';
import { initialValues, isDateField, toPayload, type FieldDefaults, type Values } from './schema-values';
import { ProblemAlert } from '../components/ProblemAlert';

/** Choices for fields that name a record (unit, offer, decision...), supplied by the page that knows them. */
export type Choices = Record<string, { value: string; label: string }[]>;

interface Props {
  schema: Schema;
  defaults: FieldDefaults;
  choices?: Choices;
  submitLabel: string;
  onSubmit(payload: Values): Promise<unknown>;
  onCancel?(): void;
  /** Rendered above the buttons, e.g. a conflict with a reload button. */
  renderError?(error: ApiError): ReactNode | undefined;
  idPrefix: string;
}

/**
 * A form drawn from a request schema of the OpenAPI document. Field labels come from `field.<name>` in the
 * message files; enum values from `enum.<value>`; errors from the API's `fields[]` land under the field.
 */
export function SchemaForm({ schema, defaults, choices = {}, submitLabel, onSubmit, onCancel, renderError, idPrefix }: Props) {
  const { t } = useTranslation();
  const form = useForm<Values>({ mode: 'controlled', initialValues: initialValues(schema, defaults) });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Move focus to the message so keyboard and screen-reader users learn the outcome.
    if (error) errorRef.current?.focus();
  }, [error]);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    setBusy(true);
    try {
      await onSubmit(toPayload(schema, values));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
      const fields = e.problem.fields ?? [];
      const errors: Record<string, string> = {};
      for (const f of fields) errors[f.field] = errors[f.field] ? `${errors[f.field]}; ${f.message}` : f.message;
      form.setErrors(errors);
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      <Stack gap="sm">
        <Fields schema={schema} path="" form={form} choices={choices} idPrefix={idPrefix} />
        <div ref={errorRef} tabIndex={-1}>
          {error && (renderError?.(error) ?? <ProblemAlert error={error} />)}
        </div>
        <Group>
          <Button type="submit" loading={busy}>{submitLabel}</Button>
          {onCancel && <Button variant="default" onClick={onCancel}>{t('case.cancel')}</Button>}
        </Group>
      </Stack>
    </form>
  );
}

type Form = ReturnType<typeof useForm<Values>>;

function Fields({ schema, path, form, choices, idPrefix }: { schema: Schema; path: string; form: Form; choices: Choices; idPrefix: string }) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, prop]) => (
        <Field key={name} name={name} schema={prop} path={path ? `${path}.${name}` : name} required={required.has(name)} form={form} choices={choices} idPrefix={idPrefix} />
      ))}
    </>
  );
}

function Field({ name, schema, path, required, form, choices, idPrefix }: { name: string; schema: Schema; path: string; required: boolean; form: Form; choices: Choices; idPrefix: string }) {
  const { t } = useTranslation();
  const label = t(`field.${name}`, { defaultValue: humanize(name) });
  const id = `${idPrefix}-${path.replace(/\./g, '-')}`;
  const common = { id, label, required, withAsterisk: required, description: schema.description };
  const err = form.errors[path];

  if (schema.type === 'object') {
    return (
      <fieldset className="subform">
        <legend>{label}{!required && ` (${t('form.optional')})`}</legend>
        {err && <Alert color="red" variant="light">{err}</Alert>}
        <Stack gap="xs"><Fields schema={schema} path={path} form={form} choices={choices} idPrefix={idPrefix} /></Stack>
      </fieldset>
    );
  }
  if (schema.type === 'boolean') {
    return <Checkbox {...form.getInputProps(path, { type: 'checkbox' })} id={id} label={label} description={schema.description} error={err} />;
  }
  if (schema.type === 'array' && schema.items?.type === 'object') {
    return <ObjectList schema={schema.items} path={path} label={label} form={form} choices={choices} idPrefix={idPrefix} />;
  }
  if (schema.type === 'array') {
    const desc = [t('form.onePerLine'), schema.description].filter(Boolean).join('. ');
    return <Textarea {...form.getInputProps(path)} {...common} description={desc} autosize minRows={2} />;
  }
  const options = schema.enum?.map((v) => ({ value: v, label: t(`enum.${v}`, { defaultValue: humanize(v) }) })) ?? choices[name];
  if (options) {
    return <NativeSelect {...form.getInputProps(path)} {...common} data={[{ value: '', label: t('form.choose') }, ...options]} />;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return <TextInput {...form.getInputProps(path)} {...common} type="number" inputMode="numeric" min={schema.minimum} max={schema.maximum} />;
  }
  if (isDateField(name, schema)) return <TextInput {...form.getInputProps(path)} {...common} type="date" />;
  if ((schema.maxLength ?? 0) > 500) return <Textarea {...form.getInputProps(path)} {...common} autosize minRows={2} />;
  return <TextInput {...form.getInputProps(path)} {...common} type={name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text'} />;
}

function ObjectList({ schema, path, label, form, choices, idPrefix }: { schema: Schema; path: string; label: string; form: Form; choices: Choices; idPrefix: string }) {
  const { t } = useTranslation();
  const items = (getPath(form.getValues(), path) as Values[] | undefined) ?? [];
  return (
    <fieldset className="subform">
      <legend>{label}</legend>
      <Stack gap="xs">
        {items.map((_, i) => (
          <fieldset key={i} className="subform">
            <legend>{`${label} ${i + 1}`}</legend>
            <Fields schema={schema} path={`${path}.${i}`} form={form} choices={choices} idPrefix={idPrefix} />
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
