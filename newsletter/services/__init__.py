"""Every write of the newsletter, by its jobs: `subscribers` (sign-ups, confirmations,
preferences, unsubscribing), `editions` (writing, test copies, sending), `deliveries` (the
engine that mails an edition to each recipient, records bounces and sweeps up what was left),
`following` (following an initiative or a need by e-mail) and `telling` (mailing followers the
public events about what they follow, through the portal's outbox).

Mail never goes out inside a web request. The rows say what is owed: a confirmation mail by
`Subscriber.confirmation_due`, which `subscribers.confirmations_send_owed` sends every few
seconds, so a sign-up publishes nothing at all; an edition by its pending `Delivery` rows, queued
in batches with `transaction.on_commit` and queued again by the periodic sweep if the broker was
down.
"""
