import { expect, test } from 'vitest'
import { describeModes, type RequestError, seed } from './setup'

describeModes('sub-issues', ({ setup }) => {
  test('add, list, reprioritize and remove sub-issues; the parent counts them in sub_issues_summary', async () => {
    const { octokit, baseUrl } = setup({ seed })
    const gh = octokit()
    const o = { owner: 'octo', repo: 'hello' }
    const { data: parent } = await gh.issues.create({ ...o, title: 'Epic' })
    const { data: a } = await gh.issues.create({ ...o, title: 'Part A' })
    const { data: b } = await gh.issues.create({ ...o, title: 'Part B' })
    const added = await gh.issues.addSubIssue({ ...o, issue_number: parent.number, sub_issue_id: a.id })
    expect(added.status).toBe(201)
    expect(added.data).toMatchObject({
      number: parent.number,
      sub_issues_summary: { total: 1, completed: 0 },
    })
    await gh.issues.addSubIssue({ ...o, issue_number: parent.number, sub_issue_id: b.id })
    const list = async () =>
      (await gh.issues.listSubIssues({ ...o, issue_number: parent.number })).data.map((i) => i.title)
    expect(await list()).toEqual(['Part A', 'Part B'])
    const { data: child } = await gh.issues.get({ ...o, issue_number: a.number })
    expect(child).toMatchObject({ parent_issue_url: `${baseUrl}/repos/octo/hello/issues/${parent.number}` })

    await gh.issues.update({ ...o, issue_number: a.number, state: 'closed' })
    const { data: summary } = await gh.issues.get({ ...o, issue_number: parent.number })
    expect(summary.sub_issues_summary).toEqual({ total: 2, completed: 1, percent_completed: 50 })

    const { data: moved } = await gh.issues.reprioritizeSubIssue({
      ...o,
      issue_number: parent.number,
      sub_issue_id: b.id,
      before_id: a.id,
    })
    expect(moved.number).toBe(parent.number)
    expect(await list()).toEqual(['Part B', 'Part A'])

    const { data: removed } = await gh.issues.removeSubIssue({
      ...o,
      issue_number: parent.number,
      sub_issue_id: b.id,
    })
    expect(removed.sub_issues_summary).toEqual({ total: 1, completed: 1, percent_completed: 100 })
    expect(await list()).toEqual(['Part A'])
    const { data: freed } = await gh.issues.get({ ...o, issue_number: b.number })
    expect(freed).not.toHaveProperty('parent_issue_url')
  })

  test('GitHub refuses a second parent, duplicates, itself and unknown issues', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const o = { owner: 'octo', repo: 'hello' }
    const { data: one } = await gh.issues.create({ ...o, title: 'One' })
    const { data: two } = await gh.issues.create({ ...o, title: 'Two' })
    const { data: child } = await gh.issues.create({ ...o, title: 'Child' })
    await gh.issues.addSubIssue({ ...o, issue_number: one.number, sub_issue_id: child.id })
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: RequestError) => e,
      )

    const duplicate = await failure(
      gh.issues.addSubIssue({ ...o, issue_number: one.number, sub_issue_id: child.id }),
    )
    expect(duplicate).toMatchObject({ status: 422 })
    expect(duplicate?.message).toContain('Issue may not contain duplicate sub-issues')
    const secondParent = await failure(
      gh.issues.addSubIssue({ ...o, issue_number: two.number, sub_issue_id: child.id }),
    )
    expect(secondParent?.message).toContain('Sub issue may only have one parent')
    const itself = await failure(
      gh.issues.addSubIssue({ ...o, issue_number: one.number, sub_issue_id: one.id }),
    )
    expect(itself).toMatchObject({ status: 422 })
    const unknown = await failure(
      gh.issues.addSubIssue({ ...o, issue_number: one.number, sub_issue_id: 999_999 }),
    )
    expect(unknown).toMatchObject({ status: 404 })
    const cycle = await failure(
      gh.issues.addSubIssue({ ...o, issue_number: child.number, sub_issue_id: one.id }),
    )
    expect(cycle).toMatchObject({ status: 422 })

    // replace_parent moves it.
    await gh.issues.addSubIssue({
      ...o,
      issue_number: two.number,
      sub_issue_id: child.id,
      replace_parent: true,
    })
    expect((await gh.issues.listSubIssues({ ...o, issue_number: one.number })).data).toEqual([])
    expect((await gh.issues.listSubIssues({ ...o, issue_number: two.number })).data.map((i) => i.id)).toEqual(
      [child.id],
    )

    const neither = await failure(
      gh.issues.reprioritizeSubIssue({ ...o, issue_number: two.number, sub_issue_id: child.id }),
    )
    expect(neither).toMatchObject({ status: 422 })
    const notChild = await failure(
      gh.issues.removeSubIssue({ ...o, issue_number: one.number, sub_issue_id: child.id }),
    )
    expect(notChild).toMatchObject({ status: 404 })
  })
})
