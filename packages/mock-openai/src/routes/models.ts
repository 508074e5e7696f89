/**
 * `GET /v1/models` and `GET /v1/models/{model}`.
 *
 * @see https://platform.openai.com/docs/api-reference/models
 */
import { invalidRequest } from '../errors'
import { modelObject } from '../models'
import { op } from './define'

export const modelRoutes = [
  op('GET /v1/models', ({ state }) =>
    Response.json({ object: 'list', data: [...state.models.values()].map(modelObject) }),
  ),
  // `:model*`: an id with a '/' in it is still looked up (and answered model_not_found), not a route miss.
  op(
    'GET /v1/models/{model}',
    ({ state, params }) => {
      const model = state.models.get(params.model!)
      if (!model)
        throw invalidRequest(`The model '${params.model}' does not exist`, {
          status: 404,
          param: 'model',
          code: 'model_not_found',
        })
      return Response.json(modelObject(model))
    },
    { path: '/v1/models/:model*' },
  ),
]
