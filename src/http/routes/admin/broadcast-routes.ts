import type { FastifyInstance } from "fastify";
import { GrammyError, InputFile, type Api } from "grammy";
import type { Message } from "grammy/types";
import type { Locale } from "../../../config.js";
import type { Database } from "../../../db/client.js";
import { ADMIN_ACTIONS, recordAdminAction } from "../../../domain/admin/audit-log.js";
import { audienceFromKey, listBroadcastsWithProgress } from "../../../domain/admin/broadcast-overview.js";
import { audienceKey, audienceOf, countAudiences } from "../../../domain/broadcasts/audience.js";
import {
  cancelBroadcast,
  checkedButton,
  chooseAudience,
  createBroadcastDraft,
  discardDraft,
  getBroadcast,
  pauseBroadcast,
  resumeBroadcast,
  setButton,
  setEssential,
  startBroadcast,
  type Broadcast,
} from "../../../domain/broadcasts/broadcast-lifecycle.js";
import { percentOf, settledCount } from "../../../domain/broadcasts/progress-view.js";
import { recipientCounts, type RecipientCounts } from "../../../domain/broadcasts/recipients.js";
import { ServiceNoticeContentError } from "../../../domain/broadcasts/broadcast-errors.js";
import { sourceContentOf } from "../../../domain/broadcasts/service-notice.js";
import { sniffImageFormat } from "../../../domain/generation/image-format.js";
import { AdminApiError } from "./admin-error.js";
import type { AdminRoutes } from "./admin-route.js";
import {
  audienceListView,
  BROADCAST_PHOTO_MAX_BYTES,
  broadcastListQuery,
  broadcastListView,
  broadcastView,
  createBroadcastBody,
  idParams,
  okView,
  type BroadcastView,
} from "./api-schemas.js";
import { iso, isoOrNull } from "./views.js";

export interface BroadcastRouteDeps {
  db: Database;
  /** Stages the content in the admin's own chat with the bot; the broadcast copies that message. */
  telegram: Api;
  defaultLocale: Locale;
  /** Starts (or continues) the sending on a worker. */
  kickBroadcast(broadcastId: number): Promise<void>;
}

/** Base64 of the largest accepted photo, plus the JSON around it. */
const CREATE_BODY_LIMIT = Math.ceil((BROADCAST_PHOTO_MAX_BYTES * 4) / 3) + 64 * 1024;

/**
 * Broadcasts from the panel, through the same lifecycle and engine as the bot's wizard: the content is
 * sent to the admin's own chat with the bot first (their preview in Telegram, and the message every
 * recipient gets a copy of), then drafted with its audience and button; starting, pausing, resuming and
 * cancelling are the domain's audited transitions. An essential service notice (it also reaches users
 * who turned broadcasts off) needs `essentialConfirmed` besides `essential`, and both the draft and the
 * start are audited with the flag.
 */
export function registerBroadcastRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: BroadcastRouteDeps): void {
  const view = (broadcast: Broadcast, counts: RecipientCounts): BroadcastView => {
    const total = broadcast.total || counts.total;
    const audience = audienceOf(broadcast);
    return {
      ...broadcast,
      audience: audience ? audienceKey(audience) : null,
      total,
      counts,
      percent: broadcast.startedAt === null ? 0 : percentOf(settledCount(counts), total),
      createdAt: iso(broadcast.createdAt),
      startedAt: isoOrNull(broadcast.startedAt),
      finishedAt: isoOrNull(broadcast.finishedAt),
    };
  };
  const current = async (id: number) => view(await getBroadcast(deps.db, id), await recipientCounts(deps.db, id));

  routes.json(scope, {
    method: "GET",
    url: "/api/admin/broadcasts",
    tag: "broadcasts",
    summary: "Broadcasts newest first, each with its recipients by state",
    query: broadcastListQuery,
    response: broadcastListView,
    handler: async ({ query }) => {
      const { items, total } = await listBroadcastsWithProgress(deps.db, query);
      return { items: items.map((i) => view(i.broadcast, i.counts)), total };
    },
  });

  routes.json(scope, {
    method: "GET",
    url: "/api/admin/broadcasts/audiences",
    tag: "broadcasts",
    summary:
      "Every audience with how many users it reaches now: `count` for a broadcast (banned, blocked, opted-out and deleted users never count), `essentialCount` for a service notice (opted-out users count)",
    response: audienceListView,
    handler: async () => {
      const audiences = await countAudiences(deps.db, { now: new Date(), defaultLocale: deps.defaultLocale });
      return { audiences: audiences.map((a) => ({ key: audienceKey(a.audience), count: a.count, essentialCount: a.essentialCount })) };
    },
  });

  routes.json(scope, {
    method: "GET",
    url: "/api/admin/broadcasts/:id",
    tag: "broadcasts",
    summary: "One broadcast with its progress",
    params: idParams,
    response: broadcastView,
    handler: async ({ params }) => current(params.id),
  });

  routes.json(scope, {
    method: "POST",
    url: "/api/admin/broadcasts",
    tag: "broadcasts",
    summary:
      "Drafts a broadcast: Telegram HTML text, an optional photo (base64) and link button, and the audience; `essential` with `essentialConfirmed` makes it a service notice that also reaches opted-out users; nothing is sent until it is started",
    body: createBroadcastBody,
    bodyLimit: CREATE_BODY_LIMIT,
    status: 201,
    response: broadcastView,
    handler: async ({ body, admin }) => {
      const audience = audienceFromKey(body.audience);
      if (!audience) throw new AdminApiError(400, "unknown_audience", `no audience "${body.audience}"`);
      const button = body.button ? checkedButton(body.button.text, body.button.url) : null;
      const photo = body.photoBase64 === undefined ? undefined : decodePhoto(body.photoBase64);
      const text = body.text.trim();
      if (text === "" && photo === undefined) throw new AdminApiError(400, "empty_content", "write a text or attach a photo");
      const essential = body.essential === true;
      if (essential && body.essentialConfirmed !== true) {
        throw new AdminApiError(400, "essential_unconfirmed", "confirm that this is an essential service notice (essentialConfirmed: true)");
      }

      const staged = await stage(deps.telegram, admin.telegramId, text, photo);
      const created = await deps.db.transaction(async (tx) => {
        const draft = await createBroadcastDraft(tx, {
          adminTelegramId: admin.telegramId,
          sourceChatId: admin.telegramId,
          sourceMessageId: staged.message_id,
          contentKind: photo ? "photo" : "text",
          source: sourceContentOf(staged),
        });
        await chooseAudience(tx, draft.id, audience);
        await setButton(tx, draft.id, button);
        const row = await setEssential(tx, draft.id, essential ? { essential: true, confirmedByAdmin: true } : { essential: false }).catch((error: unknown) => {
          if (error instanceof ServiceNoticeContentError) throw new AdminApiError(400, "service_notice_too_long", error.message);
          throw error;
        });
        await recordAdminAction(tx, {
          adminTelegramId: admin.telegramId,
          action: ADMIN_ACTIONS.broadcastCreated,
          target: `broadcast:${draft.id}`,
          after: { audience: audienceKey(audience), essential: row.essential, contentKind: row.contentKind, button: row.buttonUrl },
        });
        return row;
      });
      return view(created, await recipientCounts(deps.db, created.id));
    },
  });

  routes.json(scope, {
    method: "POST",
    url: "/api/admin/broadcasts/:id/start",
    tag: "broadcasts",
    summary: "Starts a draft: its recipients are fixed from the audience as it is now, and workers send at the shared rate",
    params: idParams,
    response: broadcastView,
    handler: async ({ params, admin }) => {
      await startBroadcast(deps.db, { id: params.id, adminTelegramId: admin.telegramId, now: new Date(), defaultLocale: deps.defaultLocale });
      await deps.kickBroadcast(params.id);
      return current(params.id);
    },
  });

  // Pause, resume and cancel: each a state change of a started broadcast, answered with its new state.
  // Resuming also wakes the workers; the others only stop what they would send next.
  const transitions = [
    { action: "pause", summary: "Pauses a running broadcast; sends in flight finish", change: pauseBroadcast, wakesWorkers: false },
    { action: "resume", summary: "Resumes a paused broadcast where it stopped", change: resumeBroadcast, wakesWorkers: true },
    { action: "cancel", summary: "Cancels a running or paused broadcast for good", change: cancelBroadcast, wakesWorkers: false },
  ] as const;
  for (const transition of transitions) {
    routes.json(scope, {
      method: "POST",
      url: `/api/admin/broadcasts/:id/${transition.action}`,
      tag: "broadcasts",
      summary: transition.summary,
      params: idParams,
      response: broadcastView,
      handler: async ({ params, admin }) => {
        await transition.change(deps.db, { id: params.id, adminTelegramId: admin.telegramId });
        if (transition.wakesWorkers) await deps.kickBroadcast(params.id);
        return current(params.id);
      },
    });
  }

  routes.json(scope, {
    method: "DELETE",
    url: "/api/admin/broadcasts/:id",
    tag: "broadcasts",
    summary: "Discards a draft that was never started",
    params: idParams,
    response: okView,
    handler: async ({ params }) => {
      const broadcast = await getBroadcast(deps.db, params.id);
      if (broadcast.status !== "draft") throw new AdminApiError(409, "broadcast_state", `broadcast ${params.id} is ${broadcast.status}`);
      await discardDraft(deps.db, params.id);
      return { ok: true as const };
    },
  });
}

function decodePhoto(base64: string): Buffer {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length === 0 || bytes.length > BROADCAST_PHOTO_MAX_BYTES) {
    throw new AdminApiError(400, "photo_too_large", `a photo has at most ${BROADCAST_PHOTO_MAX_BYTES / (1024 * 1024)} MB`);
  }
  if (sniffImageFormat(bytes) === undefined) throw new AdminApiError(400, "not_an_image", "the photo must be a JPEG, PNG or WebP image");
  return bytes;
}

/**
 * Sends the content to the admin's chat with the bot and returns the message (its id, and its text or
 * caption with entities as Telegram parsed the HTML). Telegram checks the HTML and the lengths; its
 * refusal comes back as the reason. The admin must have started the bot.
 */
async function stage(telegram: Api, adminTelegramId: number, text: string, photo: Buffer | undefined): Promise<Message> {
  try {
    return photo
      ? await telegram.sendPhoto(adminTelegramId, new InputFile(photo, "broadcast"), text === "" ? {} : { caption: text, parse_mode: "HTML" })
      : await telegram.sendMessage(adminTelegramId, text, { parse_mode: "HTML" });
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    if (error.error_code === 403 || error.description.includes("chat not found")) {
      throw new AdminApiError(409, "admin_chat_unavailable", "open the bot in Telegram and press Start: the broadcast is staged in your chat with it");
    }
    if (error.error_code === 400) throw new AdminApiError(400, "content_rejected", `Telegram refused the content: ${error.description}`);
    throw error;
  }
}
