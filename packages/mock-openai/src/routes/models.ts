/**
 * `GET /v1/models` and `GET /v1/models/{model}`.
 *
 * @see https://platform.openai.com/docs/api-reference/models
 */
import { route } from '@understudy/core'
import { invalidRequest } from '../errors'
import { modelObject } from '../models'
import type { OpenAIState } from '../state'

export const modelRoutes = [
  route.get<OpenAIState>('/v1/models', ({ state }) =>
    Response.json({ object: 'list', data: [...state.models.values()].map(modelObject) }),
  ),
  route.get<OpenAIState>('/v1/models/:model*', ({ state, params }) => {
    const model = state.models.get(params.model!)
    if (!model)
      throw invalidRequest(`The model '${params.model}' does not exist`, {
        status: 404,
        param: 'model',
        code: 'model_not_found',
      })
    return Response.json(modelObject(model))
  }),
]
