import { defaultShapeUtils } from 'tldraw'
for (const u of defaultShapeUtils as any[]) if (['draw','highlight','image','line','geo','text'].includes(u.type)) console.log(u.type, JSON.stringify(u.prototype.getDefaultProps.call({ editor: { user: {}, options: {} } })))
