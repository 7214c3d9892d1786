// A Remix <Form> keeps what was typed after it posted (the page is not reloaded). A box whose text was sent — a
// question, a comment — should be empty again once the post succeeded, and keep its text when it was refused.
import { useEffect, useRef } from "react";
import { useNavigation } from "@remix-run/react";

/**
 * A ref for a form whose fields are reset once a submission with this `intent` ends without errors. Also returns
 * whether that submission is in flight (to disable the button).
 */
export function useResetOnSuccess(intent: string, failed: boolean) {
  const navigation = useNavigation();
  const form = useRef<HTMLFormElement>(null);
  const sending = navigation.formData?.get("intent") === intent;
  const wasSending = useRef(false);
  useEffect(() => {
    if (wasSending.current && !sending && !failed) form.current?.reset();
    wasSending.current = sending;
  }, [sending, failed]);
  return { form, sending };
}
