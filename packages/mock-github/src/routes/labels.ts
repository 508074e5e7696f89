import { bodyOf, type Ctx, docsOf, json, noContent, pageUrl, rc, repoFor } from '../context'
import { GitHubApiError, invalidRequest, notFound, validationFailed } from '../errors'
import { renderLabel } from '../fixtures/labels'
import { paginate } from '../pagination'
import { addLabels, labelNames, removeLabel, setLabels } from '../resources/issues'
import { createLabel, findLabel, type IssueRecord, type LabelRecord, type RepoRecord } from '../state'
import { op } from './define'
import { issueFor } from './issues'

const COLOR = /^#?[0-9a-fA-F]{6}$/

function labelFor(ctx: Ctx, repo: RepoRecord): LabelRecord {
  return findLabel(repo, ctx.params.name ?? '') ?? notFound(docsOf(ctx))
}

function checkColor(ctx: Ctx, color: unknown): string | undefined {
  if (color === undefined) return undefined
  if (typeof color !== 'string' || !COLOR.test(color)) {
    validationFailed([{ resource: 'Label', code: 'invalid', field: 'color' }], docsOf(ctx))
  }
  return color.replace(/^#/, '')
}

function issueLabelList(ctx: Ctx, repo: RepoRecord, issue: IssueRecord): Record<string, unknown>[] {
  const r = rc(ctx)
  return issue.labels
    .map((id) => repo.labels.get(id))
    .filter((l): l is LabelRecord => l !== undefined)
    .map((label) => renderLabel(r, repo, label))
}

export const labelRoutes = [
  op('GET /repos/{owner}/{repo}/labels', (ctx) => {
    const repo = repoFor(ctx)
    const page = paginate([...repo.labels.values()], ctx.query, pageUrl(ctx))
    const r = rc(ctx)
    return json(
      page.items.map((label) => renderLabel(r, repo, label)),
      page.link ? { headers: { link: page.link } } : {},
    )
  }),

  op('POST /repos/{owner}/{repo}/labels', (ctx) => {
    const repo = repoFor(ctx, 'write')
    const body = bodyOf(ctx)
    if (typeof body.name !== 'string') invalidRequest('"name" wasn\'t supplied.', docsOf(ctx))
    const color = checkColor(ctx, body.color)
    if (findLabel(repo, body.name)) {
      validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }], docsOf(ctx))
    }
    const label = createLabel(ctx.state, repo, {
      name: body.name,
      color,
      description: typeof body.description === 'string' ? body.description : null,
    })
    const rendered = renderLabel(rc(ctx), repo, label)
    return json(rendered, { status: 201, headers: { location: String(rendered.url) } })
  }),

  op('GET /repos/{owner}/{repo}/labels/{name}', (ctx) => {
    const repo = repoFor(ctx)
    return json(renderLabel(rc(ctx), repo, labelFor(ctx, repo)))
  }),

  op('PATCH /repos/{owner}/{repo}/labels/{name}', (ctx) => {
    const repo = repoFor(ctx, 'write')
    const label = labelFor(ctx, repo)
    const body = bodyOf(ctx)
    const color = checkColor(ctx, body.color)
    if (typeof body.new_name === 'string' && body.new_name !== label.name) {
      const clash = findLabel(repo, body.new_name)
      if (clash && clash !== label)
        validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }], docsOf(ctx))
      label.name = body.new_name
    }
    if (color) label.color = color
    if (typeof body.description === 'string' || body.description === null)
      label.description = body.description
    return json(renderLabel(rc(ctx), repo, label))
  }),

  op('DELETE /repos/{owner}/{repo}/labels/{name}', (ctx) => {
    const repo = repoFor(ctx, 'write')
    const label = labelFor(ctx, repo)
    repo.labels.delete(label.id)
    for (const issue of repo.issues.values()) issue.labels = issue.labels.filter((id) => id !== label.id)
    return noContent()
  }),

  op('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', (ctx) => {
    const repo = repoFor(ctx)
    const issue = issueFor(ctx, repo)
    const page = paginate(issueLabelList(ctx, repo, issue), ctx.query, pageUrl(ctx))
    return json(page.items, page.link ? { headers: { link: page.link } } : {})
  }),

  op('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = issueFor(ctx, repo)
    bodyOf(ctx)
    const names = labelNames(ctx.body)
    if (!names?.length) invalidRequest('No subschema in "oneOf" matched.', docsOf(ctx))
    await addLabels(ctx, repo, issue, names)
    return json(issueLabelList(ctx, repo, issue))
  }),

  op('PUT /repos/{owner}/{repo}/issues/{issue_number}/labels', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = issueFor(ctx, repo)
    if (ctx.bodyError || typeof ctx.body === 'string') bodyOf(ctx)
    await setLabels(ctx, repo, issue, labelNames(ctx.body) ?? [])
    return json(issueLabelList(ctx, repo, issue))
  }),

  op('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = issueFor(ctx, repo)
    for (const id of [...issue.labels]) await removeLabel(ctx, repo, issue, id)
    return noContent()
  }),

  op('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = issueFor(ctx, repo)
    const label = findLabel(repo, ctx.params.name ?? '')
    if (!label || !issue.labels.includes(label.id)) {
      throw new GitHubApiError(404, 'Label does not exist', { documentationUrl: docsOf(ctx) })
    }
    await removeLabel(ctx, repo, issue, label.id)
    return json(issueLabelList(ctx, repo, issue))
  }),
]
