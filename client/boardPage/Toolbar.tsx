/**
 * tldraw's toolbar with the laser pointer and the frame in the visible part: a facilitator points
 * at the projected board with the laser, and frames are what the presentation walks through.
 * Beside it, on every screen size, the button that opens the style panel: tldraw's panel, always
 * open on wide screens, lay over the template's right-hand cells and took the clicks meant for them.
 */
import {
  ArrowDownToolbarItem,
  ArrowLeftToolbarItem,
  ArrowRightToolbarItem,
  ArrowToolbarItem,
  ArrowUpToolbarItem,
  AssetToolbarItem,
  CheckBoxToolbarItem,
  CloudToolbarItem,
  DefaultToolbar,
  DiamondToolbarItem,
  DrawToolbarItem,
  EllipseToolbarItem,
  EraserToolbarItem,
  FrameToolbarItem,
  HandToolbarItem,
  HeartToolbarItem,
  HexagonToolbarItem,
  HighlightToolbarItem,
  LaserToolbarItem,
  LineToolbarItem,
  MobileStylePanel,
  NoteToolbarItem,
  PORTRAIT_BREAKPOINT,
  OvalToolbarItem,
  RectangleToolbarItem,
  RhombusToolbarItem,
  SelectToolbarItem,
  StarToolbarItem,
  TextToolbarItem,
  TriangleToolbarItem,
  XBoxToolbarItem,
  useBreakpoint,
  useReadonly,
} from 'tldraw'
import { InsertDocumentItem } from '../documents/InsertDocumentItem.tsx'
import './toolbar.css'

export function Toolbar() {
  // Below this tldraw puts the same button into the toolbar itself.
  const wide = useBreakpoint() >= PORTRAIT_BREAKPOINT.TABLET_SM
  const readonly = useReadonly()
  return (
    <div className="nws-toolbar">
      <Tools />
      {wide && !readonly && (
        <div className="tlui-main-toolbar__tools nws-style-toggle">
          <MobileStylePanel />
        </div>
      )}
    </div>
  )
}

function Tools() {
  return (
    <DefaultToolbar>
      <SelectToolbarItem />
      <HandToolbarItem />
      <LaserToolbarItem />
      <NoteToolbarItem />
      <TextToolbarItem />
      <DrawToolbarItem />
      <EraserToolbarItem />
      <ArrowToolbarItem />
      <AssetToolbarItem />
      <FrameToolbarItem />
      <InsertDocumentItem />
      <RectangleToolbarItem />
      <EllipseToolbarItem />
      <TriangleToolbarItem />
      <DiamondToolbarItem />
      <HexagonToolbarItem />
      <OvalToolbarItem />
      <RhombusToolbarItem />
      <StarToolbarItem />
      <CloudToolbarItem />
      <HeartToolbarItem />
      <XBoxToolbarItem />
      <CheckBoxToolbarItem />
      <ArrowLeftToolbarItem />
      <ArrowUpToolbarItem />
      <ArrowDownToolbarItem />
      <ArrowRightToolbarItem />
      <LineToolbarItem />
      <HighlightToolbarItem />
    </DefaultToolbar>
  )
}
