import type { Route } from '@understudy/core'
import type { GitHubState } from '../state'

export const pullRoutes: Route<GitHubState>[] = []
