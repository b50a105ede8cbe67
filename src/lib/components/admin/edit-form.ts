import type { EditFormProps } from './form-shell.svelte';

/** What a page's form action answered: the name of what it added, or the id of what it saved. */
type Saved = { created?: string | null; updated?: string | null } | null | undefined;

/** A post that came back refused, with what was typed. */
type Refusal = { values: Record<string, string>; errors: Record<string, string> } | null;

type Props = Pick<EditFormProps, 'action' | 'values' | 'errors' | 'status' | 'reset'>;

/** The props of a page's add form: posts to `?/create`, shows `fresh` or what a refused post typed, and says what it added. */
export function addFormProps(form: Saved, refused: Refusal, fresh: Record<string, string>): Props {
	return { action: '?/create', values: refused?.values ?? fresh, errors: refused?.errors, status: form?.created ? `Added ${form.created}.` : undefined, reset: true };
}

/** The props of the edit form of the thing `id`: posts to `?/update`, shows it as `saved` or as a refused post typed it, and says when it is saved. */
export function editFormProps(form: Saved, refused: Refusal, id: string, saved: Record<string, string>): Props {
	return { action: '?/update', values: refused?.values ?? saved, errors: refused?.errors, status: form?.updated === id ? 'Saved.' : undefined };
}
