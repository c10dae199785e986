"""Every line the dialogs send, in one place so wording stays consistent and easy to review."""

from __future__ import annotations

WELCOME = (
    "Hi{name}! I'm your leg-day recovery coach.\n\n"
    "Every morning I ask what you trained yesterday and how walking feels, then suggest the "
    "right move for today: an easy 15-20 minute jog, no-impact cross-training, a strength and "
    "mobility routine, or rest, and I tell you why.\n\n"
    "{disclaimer}\n\n"
    "A few quick questions to set you up (send /cancel to stop at any point)."
)
WELCOME_BACK = (
    "Welcome back{name}! Your settings and history are all still here.\n"
    "Send /checkin for today's suggestion, or /settings to change your answers."
)

ZONE_PROMPT = (
    "Which time zone are you in? I need it to reach you at your own morning.\n\n"
    "• tap the button below to share your location, or\n"
    "• type your city or zone, like Berlin or Europe/Berlin, or\n"
    "• type the time on your clock right now, like 14:35."
)
ZONE_INVALID = (
    "Sorry, I couldn't place that. Type a city (Berlin), a zone (Europe/Berlin), "
    "or your local time now (14:35), or share your location with the button."
)
ZONE_SET = "Time zone set: {zone}."

MORNING_PROMPT = "When should I check in with you each morning? Tap a time or type one, like 06:45."
RUN_PROMPT = (
    "When do you usually go running? I'll use it for jog reminders. Tap a time, type one "
    "(like 18:15), or tell me you start runs yourself."
)
TIME_INVALID = (
    "That doesn't look like a time. Please type it as HH:MM, like 06:45, or tap a button."
)
RUN_SELF = "I start runs myself"
NEW_RUNNER_PROMPT = "Are you new to running?"
MUSCLE_PROMPT = "Is building muscle your top priority right now?"
COMPRESSION_PROMPT = "Do you own compression socks or tights?"
PICK_A_BUTTON = "Please pick one of the buttons below."

SETUP_DONE = (
    "All set! Here is what I know:\n{summary}\n\n"
    "Check in now for today's suggestion, or any time with /checkin. "
    "You can change any answer with /settings."
)
CHECKIN_NOW_BUTTON = "Check in now"

NOT_SET_UP = "Let's set you up first: send /start. It takes under a minute."

CHECKIN_REPLACING = (
    "You already checked in today ({verdict}). If you answer again, your new answers "
    "replace today's."
)
WORKOUT_PROMPT = "What was your main workout yesterday?"
INTENSITY_PROMPT = "How hard was the leg day?"
OVERREACH_PROMPT = (
    "Did it go well past what your body is used to, meaning much harder or longer than usual?"
)
WALKING_PROMPT = "How does walking feel this morning?"
PAIN_PROMPT = (
    "One safety check: any sharp pain, or pain in a joint? (Not the usual dull muscle ache.)"
)
REPLACED_NOTE = "I replaced today's earlier check-in with these answers."
WHY_BUTTON = "Why? Both sides"

SETTINGS_MENU = "Your settings:\n{summary}\n\nTap what you'd like to change."
SETTINGS_SAVED = "Saved."
SETTINGS_DONE_BUTTON = "Done"
SETTINGS_CLOSED = "Settings closed. Send /checkin for today's suggestion."

CANCELLED = "Stopped. Send /checkin or /settings whenever you like."
CANCELLED_SETUP = "Setup paused. Send /start whenever you want to finish it."
NOTHING_TO_CANCEL = "There's nothing to cancel right now. Send /help to see what I can do."

HELP = (
    "Here is what I can do:\n"
    "/checkin - answer two or three questions and get today's recovery suggestion\n"
    "/settings - change your time zone, times and profile answers\n"
    "/start - set up, or see that your data is still here\n"
    "/cancel - leave the current conversation\n"
    "/help - this list"
)
COMMANDS: tuple[tuple[str, str], ...] = (
    ("checkin", "Today's recovery suggestion"),
    ("settings", "Change your time zone, times and answers"),
    ("start", "Set up the coach"),
    ("cancel", "Leave the current conversation"),
    ("help", "What I can do"),
)
UNKNOWN_COMMAND = "I don't know {command}. Send /help to see what I can do."
FREE_TEXT = "I'm not sure what to do with that. Send /checkin for today's suggestion or /help."
PRIVATE_ONLY = "I only coach in private chats. Open a private chat with me to get started."
EXPIRED = "This button has expired."
EXPIRED_HINT = "That button belongs to an older message. Send /checkin to start a fresh check-in."
WHY_UNAVAILABLE = "Sorry, I couldn't open that right now. Try again in a moment."
ERROR = (
    "Sorry, something went wrong on my side. Your answers so far are saved; "
    "please try again in a moment."
)
