// The Derrimut Convex schema (stand-in: the tables the runbooks read through npx convex data).
export default "users, memberships, trainers, bookings, orders, cart";
