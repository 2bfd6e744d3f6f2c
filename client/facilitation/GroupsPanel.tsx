/**
 * Small groups that report back. The facilitator opens a round (how many groups, their names,
 * the template each gets, who goes where: at random, by Planspiel role or by hand), sees each
 * group's join code and QR, looks into the groups and collects them back. Everyone else is taken
 * to their group's page when the round opens, with one click back to the plenary and to the group.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useEditor, useToasts, useValue, type Editor, type TLPageId } from 'tldraw'
import { createPortal } from 'react-dom'
import { formByRole, formRandomly, groupOf, groupsByName, maxGroupName, maxGroups, minGroups, planspielRoleGroup, type GroupRound, type Person } from '../../shared/board/entries/groups.ts'
import { planspielRoleLabel } from '../../shared/board/entries/roles.ts'
import { formatJoinCode, groupJoinCode, joinPath } from '../../shared/joinCode.ts'
import { pick } from '../../shared/locale.ts'
import { templateNames, templates, type TemplateName } from '../../shared/templates/registry.ts'
import { makeJoinCode } from '../api.ts'
import { problemText } from '../apiProblems.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { refreshSharedLinks, shareOrigin } from '../board/sharedLinks.ts'
import { format, plural } from '../i18n.ts'
import { QrCode } from '../join/QrCode.tsx'
import { locale, t } from '../locale.ts'
import { collectGroupRound, openGroupRound } from './groupRound.ts'
import { joinedGroup } from './joinedGroup.ts'
import { roleOfUser } from '../board/facilitation/roomPeers.ts'
import { templateGroups } from './templateGroups.ts'
import { showBounds } from '../templates/showInView.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { focusMainMenu } from '../board/mainMenuFocus.ts'
import { groupsStarting } from './groupsMenu.tsx'
import './groups.css'

export function GroupsPanel() {
  const f = useFacilitation()
  const round = useValue('group round', () => f.groups.get(), [f])
  const starting = useValue(groupsStarting)
  useBackToPlenary(round)
  if (!f.isFacilitator) return round ? <MyGroup round={round} /> : null
  if (round) return <RoundPanel round={round} />
  if (starting)
    return (
      <StartForm
        onDone={() => {
          groupsStarting.set(false)
          focusMainMenu()
        }}
      />
    )
  return null
}

/** Keys typed in the panel are no tldraw shortcuts; Escape closes it. */
const keepKeys = (onEscape: () => void) => (event: KeyboardEvent) => {
  event.stopPropagation()
  if (event.key === 'Escape') onEscape()
}

/** Those present who can be put in a group (participants: not the facilitators, not the read-only link), with their Planspiel role. */
function usePeople(): (Person & { name: string; role?: string })[] {
  const editor = useEditor()
  const f = useFacilitation()
  // As text, so that the form renders again when someone comes, goes or is renamed, not on every cursor move.
  const listed = useValue(
    'people for groups',
    () => {
      const roles = f.roles.get()
      const seen = new Set<string>()
      const people = editor.getCollaborators().flatMap((c) => {
        const id = c.userId as string
        // As the Planspiel's draw: participants only; a read-only link could not write on its group's page.
        const access = roleOfUser(f.peers.get(), id)
        if (seen.has(id) || access === 'facilitator' || access === 'observer') return []
        seen.add(id)
        const role = roles[id]
        const name = c.userName?.trim() || t.groupsUnnamed
        return [role ? { userId: id, name, role: planspielRoleLabel(role, locale), roleGroup: planspielRoleGroup(role, locale) } : { userId: id, name }]
      })
      return JSON.stringify(people)
    },
    [editor, f],
  )
  return useMemo(() => JSON.parse(listed) as (Person & { name: string; role?: string })[], [listed])
}

const defaultName = (i: number) => format(t.groupsDefaultName, { number: i + 1 })

function StartForm({ onDone }: { onDone(): void }) {
  const editor = useEditor()
  const f = useFacilitation()
  const session = useOpenBoard()
  const people = usePeople()
  const id = useId()
  const [count, setCount] = useState(3)
  const [names, setNames] = useState<string[]>(() => Array.from({ length: maxGroups }, (_, i) => defaultName(i)))
  const [template, setTemplate] = useState<TemplateName | ''>('')
  /** Person → group index; absent: they join by code. */
  const [assigned, setAssigned] = useState<Record<string, number>>({})
  const [problem, setProblem] = useState<string | null>(null)

  const distributeRandomly = () => {
    const next: Record<string, number> = {}
    formRandomly(people, count).forEach((members, i) => members.forEach((m) => (next[m] = i)))
    setAssigned(next)
  }
  const byRole = formByRole(people)
  const distributeByRole = () => {
    const groups = byRole.length >= minGroups ? byRole : []
    if (!groups.length) return
    setCount(groups.length)
    setNames((current) => current.map((name, i) => groups[i]?.name ?? name))
    const next: Record<string, number> = {}
    groups.forEach((g, i) => g.members.forEach((m) => (next[m] = i)))
    setAssigned(next)
  }

  // A Planspiel's or Zukunftskonferenz's small groups on this page, to take over.
  const fromTemplate = useValue('template groups', () => templateGroups(editor), [editor])
  const takeOverTemplate = () => {
    if (!fromTemplate) return
    const groups = groupsByName(fromTemplate.groups, people)
    setCount(Math.max(minGroups, groups.length))
    setNames((current) => current.map((name, i) => groups[i]?.name || name))
    const next: Record<string, number> = {}
    groups.forEach((g, i) => g.members.forEach((m) => (next[m] = i)))
    setAssigned(next)
    setTemplate(fromTemplate.template)
  }

  const shownNames = names.slice(0, count)
  const valid = shownNames.every((n) => n.trim().length > 0)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!valid) return
    const groups = shownNames.map((name, i) => ({
      name: name.trim(),
      members: people.filter((p) => assigned[p.userId] === i).map((p) => p.userId),
    }))
    try {
      openGroupRound(editor, session.connection.doc, { groups, template: template || null }, locale, f.clock.now())
      onDone()
    } catch (error) {
      setProblem(format(t.groupsOpenFailed, { error: problemText(error) }))
    }
  }

  return (
    <section className="nws-vote-panel nws-groups-panel" aria-labelledby={`${id}-h`} onKeyDown={keepKeys(onDone)}>
      <form className="nws-vote-form" onSubmit={submit}>
        <h2 id={`${id}-h`}>{t.groupsHeading}</h2>
        {fromTemplate && (
          <button type="button" className="nws-button nws-button--secondary nws-button--small" data-action="groups-from-template" onClick={takeOverTemplate}>
            {format(t.groupsFromTemplate, { template: pick(templates[fromTemplate.template].title, locale) })}
          </button>
        )}
        <label htmlFor={`${id}-count`}>{t.groupsCount}</label>
        {/* Focus in the form: Escape closes it, and a keyboard user starts where the form does. */}
        <select id={`${id}-count`} value={count} autoFocus onChange={(e) => setCount(Number(e.target.value))}>
          {Array.from({ length: maxGroups - minGroups + 1 }, (_, i) => i + minGroups).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {shownNames.map((name, i) => (
          <input
            key={i}
            aria-label={format(t.groupsNameLabel, { number: i + 1 })}
            data-group-name={i + 1}
            value={name}
            maxLength={maxGroupName}
            onChange={(e) => setNames((current) => current.map((n, j) => (j === i ? e.target.value : n)))}
          />
        ))}
        <label htmlFor={`${id}-template`}>{t.groupsTemplate}</label>
        <select id={`${id}-template`} value={template} onChange={(e) => setTemplate(e.target.value as TemplateName | '')}>
          <option value="">{t.groupsNoTemplate}</option>
          {templateNames.map((name) => (
            <option key={name} value={name}>
              {pick(templates[name].title, locale)}
            </option>
          ))}
        </select>
        <fieldset className="nws-groups-people">
          <legend>{t.groupsPeopleHeading}</legend>
          {people.length === 0 ? (
            <p className="nws-vote-panel__hint">{t.groupsNobodyPresent}</p>
          ) : (
            <>
              <div className="nws-groups-distribute">
                <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={distributeRandomly}>
                  {t.groupsFormRandom}
                </button>
                {byRole.length >= minGroups && (
                  <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={distributeByRole}>
                    {t.groupsFormRoles}
                  </button>
                )}
              </div>
              {people.map((person) => (
                <label key={person.userId} className="nws-groups-person">
                  <span>{person.role ? `${person.name} (${person.role})` : person.name}</span>
                  <select
                    value={assigned[person.userId] ?? ''}
                    onChange={(e) =>
                      setAssigned(({ [person.userId]: _old, ...rest }) => (e.target.value === '' ? rest : { ...rest, [person.userId]: Number(e.target.value) }))
                    }
                  >
                    <option value="">{t.groupsByCode}</option>
                    {shownNames.map((name, i) => (
                      <option key={i} value={i}>
                        {name.trim() || defaultName(i)}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </>
          )}
        </fieldset>
        {problem && (
          <p className="nws-error" role="alert">
            {problem}
          </p>
        )}
        <div className="nws-vote-panel__actions">
          <button type="submit" className="nws-button nws-button--small" disabled={!valid}>
            {t.groupsStart}
          </button>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={onDone}>
            {t.groupsCancel}
          </button>
        </div>
      </form>
    </section>
  )
}

/** The board's participant join code, made if there is none yet (as the join screen does). */
function useParticipantCode(): { code: string | null; origin: string; problem: string | null } {
  const session = useOpenBoard()
  const [state, setState] = useState<{ code: string | null; origin: string; problem: string | null }>({ code: null, origin: window.location.origin, problem: null })
  useEffect(() => {
    let current = true
    const load = async () => {
      const shared = await refreshSharedLinks(session)
      const origin = shareOrigin(shared.address)
      const kept = shared.participant
      if (kept?.joinCode) return current && setState({ code: kept.joinCode.code, origin, problem: null })
      const token = kept?.token ?? session.knownTokens.get().participant
      if (!token) return current && setState({ code: null, origin, problem: t.groupsCodeUnknownLink })
      const made = await makeJoinCode(session.boardId, session.token, 'participant', token)
      if (current) setState({ code: made.code, origin, problem: null })
    }
    load().catch((error: unknown) => current && setState((s) => ({ ...s, problem: format(t.groupsCodeFailed, { error: problemText(error) }) })))
    return () => {
      current = false
    }
  }, [session])
  return state
}

function RoundPanel({ round }: { round: GroupRound }) {
  const editor = useEditor()
  const session = useOpenBoard()
  const { addToast } = useToasts()
  const { code, origin, problem } = useParticipantCode()
  const [showCodes, setShowCodes] = useState(false)
  const [collapsed, setCollapsed] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const id = useId()
  const current = useValue('current page', () => editor.getCurrentPageId(), [editor])

  const collect = () => {
    const result = collectGroupRound(editor, session.connection.doc, round)
    if (result.kind === 'tooMany') setNotice(format(t.groupsTooMany, { shapes: result.count.toLocaleString(locale) }))
    else addToast({ id: 'netzwerkstatt-groups-collected', title: t.groupsCollected })
  }
  const codes = round.groups.map((_, i) => (code ? groupJoinCode(code, i + 1) : null))

  if (collapsed) {
    return (
      <button type="button" className="nws-facilitation-button" aria-expanded="false" onClick={() => setCollapsed(false)}>
        {plural(locale, round.groups.length, { one: t.groupsRunningOne, other: t.groupsRunningOther })}
      </button>
    )
  }
  return (
    <section className="nws-vote-panel nws-groups-panel" aria-labelledby={`${id}-h`} data-group-round={round.id} onKeyDown={keepKeys(() => setCollapsed(true))}>
      <header className="nws-vote-panel__header">
        <h2 id={`${id}-h`}>{plural(locale, round.groups.length, { one: t.groupsRunningOne, other: t.groupsRunningOther })}</h2>
        <button type="button" className="nws-vote-panel__collapse" aria-label={t.groupsMinimise} title={t.groupsMinimise} onClick={() => setCollapsed(true)}>
          –
        </button>
      </header>
      <ol className="nws-groups-list">
        {round.groups.map((group, i) => (
          <li key={group.pageId} data-group={i + 1} aria-current={current === group.pageId ? 'page' : undefined}>
            <span className="nws-groups-list__name">
              {group.name}
              {group.members.length > 0 && (
                <span className="nws-groups-list__members" data-members={group.members.length}>
                  {' · '}
                  {plural(locale, group.members.length, { one: t.groupsMembersOne, other: t.groupsMembersOther })}
                </span>
              )}
            </span>
            {codes[i] && (
              <span className="nws-groups-list__code" data-group-code={codes[i]}>
                {formatJoinCode(codes[i]!)}
              </span>
            )}
            <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => editor.setCurrentPage(group.pageId as TLPageId)}>
              {t.groupsLookIn}
            </button>
          </li>
        ))}
      </ol>
      {problem && <p className="nws-vote-panel__notice">{problem}</p>}
      {notice && (
        <p className="nws-vote-panel__notice" role="alert">
          {notice}
        </p>
      )}
      <p className="nws-vote-panel__hint">{t.groupsCollectHint}</p>
      <div className="nws-vote-panel__actions">
        <button type="button" className="nws-button nws-button--small" data-action="collect-groups" onClick={collect}>
          {t.groupsCollect}
        </button>
        {code && (
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => setShowCodes(true)}>
            {t.groupsShowCodes}
          </button>
        )}
        {current !== round.plenaryPageId && editor.getPage(round.plenaryPageId as TLPageId) && (
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => editor.setCurrentPage(round.plenaryPageId as TLPageId)}>
            {t.groupsToPlenary}
          </button>
        )}
      </div>
      {showCodes && code && <GroupCodes round={round} code={code} origin={origin} onClose={() => setShowCodes(false)} />}
    </section>
  )
}

/** For the projector: each group's QR code, short link and code side by side. */
function GroupCodes({ round, code, origin, onClose }: { round: GroupRound; code: string; origin: string; onClose(): void }) {
  const id = useId()
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => event.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])
  return createPortal(
    <div className="nws-join nws-groups-codes" role="dialog" aria-modal="true" aria-labelledby={id}>
      <div className="nws-join__panel">
        <header className="nws-join__head">
          <h1 id={id}>{t.groupsCodesHeading}</h1>
          <button type="button" className="nws-button nws-button--secondary" onClick={onClose} autoFocus>
            {t.joinScreenClose}
          </button>
        </header>
        <ul className="nws-groups-codes__grid">
          {round.groups.map((group, i) => {
            const url = new URL(joinPath(groupJoinCode(code, i + 1)), origin)
            return (
              <li key={group.pageId}>
                <h2>{group.name}</h2>
                <QrCode text={url.href} label={format(t.joinScreenQrLabel, { link: `${url.host}${url.pathname}${url.hash}` })} size={260} />
                <p className="nws-groups-codes__code">{formatJoinCode(groupJoinCode(code, i + 1))}</p>
                <p className="nws-groups-codes__link">
                  {url.host}
                  <wbr />
                  {url.pathname + url.hash}
                </p>
              </li>
            )
          })}
        </ul>
      </div>
    </div>,
    document.body,
  )
}

/**
 * A member's way between their group and the plenary: taken to the group's page once when the
 * round opens (or the board opens during it), then one click either way.
 */
function MyGroup({ round }: { round: GroupRound }) {
  const editor = useEditor()
  const session = useOpenBoard()
  const userId = useValue('own user id', () => editor.user.getRecordId() as string, [editor])
  const index = groupOf(round, userId, joinedGroup(session.boardId))
  const group = index === null ? null : round.groups[index]!
  const current = useValue('current page', () => editor.getCurrentPageId(), [editor])
  const taken = useRef<string | null>(null)
  const hasPage = (pageId: string) => editor.getPage(pageId as TLPageId) !== undefined
  const groupPage = useValue('group page there', () => (group ? hasPage(group.pageId) : false), [editor, group?.pageId])

  useEffect(() => {
    // Once per round and group: after that, where the person looks is theirs to choose.
    const key = group && `${round.id}:${group.pageId}`
    if (!key || !groupPage || taken.current === key) return
    taken.current = key
    goTo(editor, group.pageId)
  }, [editor, round.id, group, groupPage])

  if (!group || !groupPage) return null
  const inGroup = current === group.pageId
  return (
    <button
      type="button"
      className="nws-facilitation-button nws-groups-switch"
      data-action={inGroup ? 'to-plenary' : 'to-group'}
      onClick={() => goTo(editor, inGroup ? round.plenaryPageId : group.pageId)}
    >
      {inGroup ? t.groupsToPlenary : format(t.groupsToMine, { name: group.name })}
    </button>
  )
}

/**
 * When a round ends („Zurückholen“), whoever is still on one of its groups' pages goes to the
 * plenary, where the results now are: the way back („Zum Plenum“) ends with the round.
 */
function useBackToPlenary(round: GroupRound | undefined) {
  const editor = useEditor()
  const { addToast } = useToasts()
  const last = useRef(round)
  useEffect(() => {
    const ended = last.current
    last.current = round
    if (round || !ended) return
    const here = editor.getCurrentPageId() as string
    if (!ended.groups.some((g) => g.pageId === here) || !editor.getPage(ended.plenaryPageId as TLPageId)) return
    goTo(editor, ended.plenaryPageId)
    addToast({ id: 'netzwerkstatt-groups-back', title: t.groupsBackInPlenary })
  }, [editor, round, addToast])
}

function goTo(editor: Editor, pageId: string) {
  if (!editor.getPage(pageId as TLPageId)) return
  if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
  editor.setCurrentPage(pageId as TLPageId)
  // As a newcomer lands: the page's content beside or below the buttons under the menu (this one
  // among them) and below the top bar, not under them as tldraw's zoom to fit would leave it.
  const content = editor.getCurrentPageBounds()
  if (content) showBounds(editor, content, undefined, false)
}
