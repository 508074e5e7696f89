/**
 * The Responses API's streaming events for a response, in the order and shapes the API sends them,
 * which openai-node's `responses.stream()` accumulator and the AI SDK both check.
 *
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { argumentPieces, textPieces } from '../routes/define'

type Obj = Record<string, unknown>

/** `event: <type>` + `data: <json>` for each event, numbered by `sequence_number`. */
export function responseEvents(final: Obj): string[] {
  const events: Obj[] = []
  const emit = (event: Obj) => events.push({ type: event.type, sequence_number: events.length, ...event })
  const inProgress = {
    ...final,
    status: 'in_progress',
    output: [],
    usage: null,
    completed_at: null,
    error: null,
    incomplete_details: null,
  }
  emit({ type: 'response.created', response: inProgress })
  emit({ type: 'response.in_progress', response: inProgress })
  const output = (final.output ?? []) as Obj[]
  output.forEach((item, outputIndex) => {
    const id = item.id as string
    if (item.type === 'message') {
      emit({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', content: [] },
      })
      const parts = (item.content ?? []) as Obj[]
      parts.forEach((part, contentIndex) => {
        const where = { item_id: id, output_index: outputIndex, content_index: contentIndex }
        if (part.type === 'refusal') {
          emit({ type: 'response.content_part.added', ...where, part: { type: 'refusal', refusal: '' } })
          for (const delta of textPieces(part.refusal as string))
            emit({ type: 'response.refusal.delta', ...where, delta })
          emit({ type: 'response.refusal.done', ...where, refusal: part.refusal })
        } else {
          emit({ type: 'response.content_part.added', ...where, part: { ...part, text: '' } })
          for (const delta of textPieces(part.text as string))
            emit({ type: 'response.output_text.delta', ...where, delta, logprobs: [] })
          emit({ type: 'response.output_text.done', ...where, text: part.text, logprobs: [] })
        }
        emit({ type: 'response.content_part.done', ...where, part })
      })
      emit({ type: 'response.output_item.done', output_index: outputIndex, item })
    } else if (item.type === 'function_call') {
      emit({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', arguments: '' },
      })
      for (const delta of argumentPieces(item.arguments as string))
        emit({
          type: 'response.function_call_arguments.delta',
          item_id: id,
          output_index: outputIndex,
          delta,
        })
      emit({
        type: 'response.function_call_arguments.done',
        item_id: id,
        output_index: outputIndex,
        name: item.name,
        arguments: item.arguments,
      })
      emit({ type: 'response.output_item.done', output_index: outputIndex, item })
    }
  })
  const status = final.status
  const closing =
    status === 'incomplete'
      ? 'response.incomplete'
      : status === 'failed'
        ? 'response.failed'
        : 'response.completed'
  emit({ type: closing, response: final })
  return events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
}
