import { startView } from "../ui/page.js";

startView("dashboard");
