import type { CarryRoute } from '../carryRoute.ts'

export const routes: CarryRoute[] = []
