import { ArrowShapeUtil, FrameShapeUtil } from 'tldraw'
const u: any = new (ArrowShapeUtil as any)({} as any)
console.log(JSON.stringify(u.getDefaultProps()))
const f: any = new (FrameShapeUtil as any)({} as any)
console.log(JSON.stringify(f.getDefaultProps()))
