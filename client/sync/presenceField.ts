/** The awareness field a person's presence travels in (the canvas's and the list's alike); apart from the bridge, which needs tldraw. */
export const presenceField = 'presence'
