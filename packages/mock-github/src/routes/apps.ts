import type { Route } from '@understudy/core'
import type { GitHubState } from '../state'

export const appRoutes: Route<GitHubState>[] = []
